import { applyRedactions } from './redactions';
import { PhraseMatcher, mergeSpans, redactedPhrases, spansForText, type ItemRedaction } from './redaction-scope';

const versions = [
  { version: 1, text: 'The pool is closed for weeks, says Dana Smith.' },
  { version: 2, text: 'The pool is CLOSED  for\nweeks. Ask Dana Smith; closed for weeks!' },
];

/** The text as a bundle prints it: every span of the record's redactions for that version burned in. */
function printed(redactions: ItemRedaction[], version: number, text: string): string {
  return applyRedactions(text, spansForText(redactions, redactedPhrases(redactions, versions), version, text));
}

describe('redactions across a record', () => {
  it('removes a span of version 1 from version 2 too, wherever its words occur there', () => {
    const start = versions[0].text.indexOf('closed for weeks');
    const redactions = [{ version: 1, start, end: start + 'closed for weeks'.length, code: '1-210(b)(2)' }];
    expect(printed(redactions, 1, versions[0].text)).toBe('The pool is [REDACTED: 1-210(b)(2)], says Dana Smith.');
    expect(printed(redactions, 2, versions[1].text)).toBe(
      'The pool is [REDACTED: 1-210(b)(2)]. Ask Dana Smith; [REDACTED: 1-210(b)(2)]!',
    );
  });

  it('keeps a span precise in its own version, where the officer drew it', () => {
    const text = 'Dana wrote to Dana.';
    const own = [{ version: 1, text }];
    const redactions = [{ version: 1, start: 0, end: 4, code: 'A' }];
    const spans = spansForText(redactions, redactedPhrases(redactions, own), 1, text);
    expect(applyRedactions(text, spans)).toBe('[REDACTED: A] wrote to Dana.');
  });

  it('redacts text in every version, ignoring case and spacing, whole words only', () => {
    const redactions = [{ text: 'dana smith', code: '1-210(b)(2)' }];
    expect(printed(redactions, 1, versions[0].text)).toBe(
      'The pool is closed for weeks, says [REDACTED: 1-210(b)(2)].',
    );
    expect(printed(redactions, 2, versions[1].text)).toContain('Ask [REDACTED: 1-210(b)(2)];');
    const words = [{ text: 'Al', code: 'X' }];
    expect(
      applyRedactions(
        'Also Al, Al’s and Alan',
        spansForText(words, redactedPhrases(words, []), 1, 'Also Al, Al’s and Alan'),
      ),
    ).toBe('Also [REDACTED: X], [REDACTED: X]’s and Alan');
  });

  it('looks for a span cut inside a word as cut, inside other words too', () => {
    const own = [
      { version: 1, text: 'The road closed at noon.' },
      { version: 2, text: 'The road closed at noon, then reopened.' },
    ];
    const redactions = [{ version: 1, start: 5, end: 15, code: 'A' }]; // "oad closed"
    const phrases = redactedPhrases(redactions, own);
    expect(phrases[0]).toMatchObject({ text: 'oad closed', insideWordStart: true });
    expect(phrases[0].insideWordEnd).toBeFalsy();
    expect(applyRedactions(own[1].text, spansForText(redactions, phrases, 2, own[1].text))).toBe(
      'The r[REDACTED: A] at noon, then reopened.',
    );
  });

  it('merges a text redaction overlapping a span into one marker', () => {
    const text = versions[0].text;
    const start = text.indexOf('says Dana');
    const redactions: ItemRedaction[] = [
      { version: 1, start, end: start + 'says Dana'.length, code: 'A' },
      { text: 'Dana Smith', code: 'B' },
    ];
    expect(printed(redactions, 1, text)).toBe('The pool is closed for weeks, [REDACTED: A].');
  });

  it('finds phrases with regular-expression characters and across lines', () => {
    const matcher = new PhraseMatcher(['(203) 555-0142', 'a.b']);
    expect([...matcher.matches('call (203)\n555-0142 or axb or a.b')].map((match) => match.text)).toEqual([
      '(203)\n555-0142',
      'a.b',
    ]);
    expect([...new PhraseMatcher([]).matches('anything')]).toEqual([]);
  });

  it('prefers the longer phrase where two start at the same place', () => {
    const matcher = new PhraseMatcher(['Dana', 'Dana Smith']);
    expect([...matcher.matches('Dana Smith and Dana')].map((match) => match.text)).toEqual(['Dana Smith', 'Dana']);
  });

  it('merges overlapping spans and keeps touching ones apart', () => {
    expect(
      mergeSpans([
        { start: 5, end: 9, code: 'B' },
        { start: 0, end: 6, code: 'A' },
        { start: 9, end: 12, code: 'C' },
      ]),
    ).toEqual([
      { start: 0, end: 9, code: 'A' },
      { start: 9, end: 12, code: 'C' },
    ]);
  });
});
