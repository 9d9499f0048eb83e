import { applyRedactions, redactionMarker, RedactionSpanError } from './redaction';

const exemption = { code: '1-210(b)(2)', citation: 'C.G.S. § 1-210(b)(2)' };
const span = (start: number, end: number) => ({ start, end, exemption });
const MARK = redactionMarker(exemption);

describe('applyRedactions', () => {
  test('replaces each span with the marker naming the exemption, in any order given', () => {
    const text = 'call 203-555-0147 or mail jo@example.org today';
    const result = applyRedactions(text, [span(26, 40), span(5, 17)]);
    expect(MARK).toBe('█████ [REDACTED § 1-210(b)(2)]');
    expect(result).toBe(`call ${MARK} or mail ${MARK} today`);
    expect(result).not.toContain('555');
    expect(result).not.toContain('jo@');
  });

  test('adjacent spans are fine; no spans leave the text as is', () => {
    expect(applyRedactions('abcdef', [span(0, 3), span(3, 6)])).toBe(MARK + MARK);
    expect(applyRedactions('abc', [])).toBe('abc');
  });

  test('offsets are UTF-16 units: a span may cover an emoji whole', () => {
    const text = 'a😀b'; // the emoji is two code units
    expect(applyRedactions(text, [span(1, 3)])).toBe(`a${MARK}b`);
  });

  test.each([
    ['past the end', [span(2, 9)], /outside the text/],
    ['empty', [span(3, 3)], /empty or reversed/],
    ['negative', [span(-1, 2)], /outside the text/],
    ['overlapping', [span(0, 4), span(3, 6)], /overlap/],
    ['splitting an emoji', [span(0, 2)], /cuts a character in half/],
    ['starting inside an emoji', [span(2, 4)], /cuts a character in half/],
  ])('rejects a span %s, changing nothing', (_name, spans, message) => {
    const text = 'a😀bcdef';
    expect(() => applyRedactions(text, spans)).toThrow(RedactionSpanError);
    expect(() => applyRedactions(text, spans)).toThrow(message);
  });
});
