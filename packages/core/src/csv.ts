/**
 * CSV as spreadsheets read it: RFC 4180 (fields quoted when they hold a quote, comma or line break; records end
 * with CRLF) and guarded against formula injection as OWASP recommends: a cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with a single quote, so a spreadsheet shows it as text instead of
 * evaluating it. Every CSV the product writes goes through here.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The UTF-8 byte order mark: without it, Excel reads a UTF-8 file as the machine's legacy code page. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A value as one CSV field: formula-guarded, then quoted when RFC 4180 requires it. Null and undefined are empty. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One record (a line), CRLF-terminated. */
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** A whole file: the byte order mark, the header record, then one record per row. */
export function csvDocument(
  header: readonly string[],
  rows: Iterable<readonly (string | number | null | undefined)[]>,
): string {
  let document = CSV_BYTE_ORDER_MARK + csvRecord(header);
  for (const row of rows) document += csvRecord(row);
  return document;
}
