import { csvDocument, csvField, csvRecord } from './csv';

/** Reads RFC 4180 CSV (CRLF records, quoted fields with doubled quotes) back into rows, as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else quoted = false;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text alone and writes null and undefined as empty', () => {
    expect(csvField('2025-0001')).toBe('2025-0001');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('Reyes, Dana')).toBe('"Reyes, Dana"');
    expect(csvField('the "Parks" page')).toBe('"the ""Parks"" page"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('guards %j against being read as a formula', (value) => {
    const field = csvField(value);
    expect(parseCsv(`${field}\r\n`)[0][0]).toBe(`'${value}`);
  });

  it('guards before quoting, so a quoted formula is still text', () => {
    expect(csvField('=HYPERLINK("http://x.example","click")')).toBe('"\'=HYPERLINK(""http://x.example"",""click"")"');
  });

  it('does not guard a formula character that is not first', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('Dana-Reyes')).toBe('Dana-Reyes');
  });
});

describe('csvDocument', () => {
  it('starts with the byte order mark and the header, one CRLF-terminated record per row, read back intact', () => {
    const document = csvDocument(
      ['number', 'description'],
      [
        ['2025-0001', 'Comments, "removed"\nin December'],
        ['2025-0002', '=cmd|calc'],
      ],
    );
    expect(document.startsWith('\uFEFFnumber,description\r\n')).toBe(true);
    expect(document.endsWith('\r\n')).toBe(true);
    expect(parseCsv(document.slice(1))).toEqual([
      ['number', 'description'],
      ['2025-0001', 'Comments, "removed"\nin December'],
      ['2025-0002', "'=cmd|calc"],
    ]);
    expect(csvRecord([])).toBe('\r\n');
  });
});
