import type { RecordVersion } from '@verbatim/core';
import { parseAccepted, redactionChoices, redactionSpans, spansOfPhrase } from './redaction-choices';

const version = (number: number, text: string) => ({ version: number, text }) as RecordVersion;

describe('redaction choices on the item page', () => {
  it('finds a phrase in every version, every time it occurs', () => {
    const versions = [version(1, 'call Ana, Ana knows'), version(2, 'nothing here'), version(3, 'Ana')];
    expect(spansOfPhrase(versions, 'Ana')).toEqual([
      { version: 1, start: 5, end: 8 },
      { version: 1, start: 10, end: 13 },
      { version: 3, start: 0, end: 3 },
    ]);
    expect(spansOfPhrase(versions, '')).toEqual([]);
  });

  it('merges overlapping spans of one version and cites the exemption on each', () => {
    const spans = redactionSpans(
      ['1:0:10', '1:5:12', '2:0:3', 'junk', '1:20:25'],
      [{ version: 1, start: 11, end: 14 }],
      '1-210(b)(2)',
    );
    expect(spans).toEqual([
      { version: 1, start: 0, end: 14, code: '1-210(b)(2)' },
      { version: 1, start: 20, end: 25, code: '1-210(b)(2)' },
      { version: 2, start: 0, end: 3, code: '1-210(b)(2)' },
    ]);
  });

  it('offers earlier redactions the finder did not suggest, so saving again keeps them', () => {
    const versions = [version(1, 'my secret plan, mail a@b.org')];
    const suggestions = [{ version: 1, kind: 'email' as const, start: 21, end: 28, text: 'a@b.org' }];
    const choices = redactionChoices(
      suggestions,
      [
        { version: 1, start: 3, end: 9, code: 'X' },
        { version: 1, start: 21, end: 28, code: 'X' },
      ],
      versions,
    );
    expect(choices).toEqual([
      ...suggestions,
      { version: 1, start: 3, end: 9, kind: 'earlier redaction', text: 'secret' },
    ]);
  });

  it('ignores malformed ticks', () => {
    expect(parseAccepted(['1:2:3', '1:2', 'a:b:c', '4:5:6'])).toEqual([
      { version: 1, start: 2, end: 3 },
      { version: 4, start: 5, end: 6 },
    ]);
  });
});
