import { findPii } from './pii-finder';
import { applyRedactions, InvalidRedactionError } from './redactions';

describe('applyRedactions', () => {
  it('replaces each span with a marker naming its exemption, whatever order the spans come in', () => {
    const text = 'Call me at (203) 555-0142 or email jane.doe@example.com.';
    const redacted = applyRedactions(text, [
      { start: 35, end: 55, code: '1-210(b)(2)' },
      { start: 11, end: 25, code: '1-217' },
    ]);
    expect(redacted).toBe('Call me at [REDACTED: 1-217] or email [REDACTED: 1-210(b)(2)].');
  });

  it('redacts what findPii suggests in mixed-script text without breaking a character', () => {
    const text = '📞 203-555-0142 · 住所: 45 Elm St, Apt 3B · ✉️ مرحبا user@example.org שלום';
    const spans = findPii(text).map(({ start, end }) => ({ start, end, code: 'X' }));
    expect(applyRedactions(text, spans)).toBe('📞 [REDACTED: X] · 住所: [REDACTED: X] · ✉️ مرحبا [REDACTED: X] שלום');
  });

  it('accepts touching spans and the whole text', () => {
    expect(
      applyRedactions('abcdef', [
        { start: 0, end: 3, code: 'A' },
        { start: 3, end: 6, code: 'B' },
      ]),
    ).toBe('[REDACTED: A][REDACTED: B]');
    expect(applyRedactions('secret', [{ start: 0, end: 6, code: 'A' }])).toBe('[REDACTED: A]');
  });

  it('returns the text unchanged when there is nothing to redact', () => {
    expect(applyRedactions('nothing here', [])).toBe('nothing here');
  });

  it.each([
    [
      'overlapping spans',
      'abcdef',
      [
        { start: 0, end: 3, code: 'A' },
        { start: 2, end: 5, code: 'B' },
      ],
      /overlaps the one ending at 3/,
    ],
    ['a span past the end', 'abc', [{ start: 1, end: 4, code: 'A' }], /outside the text \(length 3\)/],
    ['a negative start', 'abc', [{ start: -1, end: 2, code: 'A' }], /outside the text/],
    ['an empty span', 'abc', [{ start: 1, end: 1, code: 'A' }], /empty or reversed/],
    ['a reversed span', 'abc', [{ start: 2, end: 1, code: 'A' }], /empty or reversed/],
    ['a fractional offset', 'abc', [{ start: 0.5, end: 2, code: 'A' }], /integers/],
    ['a span that cuts an emoji in half', 'a📞b', [{ start: 0, end: 2, code: 'A' }], /cuts a character in half/],
    ['an empty code', 'abc', [{ start: 0, end: 1, code: ' ' }], /code must be non-empty/],
    ['a code that would close the marker early', 'abc', [{ start: 0, end: 1, code: 'A]' }], /without \]/],
  ])('throws InvalidRedactionError for %s', (_label, text, spans, message) => {
    expect(() => applyRedactions(text, spans)).toThrow(InvalidRedactionError);
    expect(() => applyRedactions(text, spans)).toThrow(message);
  });
});
