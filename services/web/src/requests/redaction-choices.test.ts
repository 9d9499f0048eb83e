import type { RecordVersion } from '@verbatim/core';
import { choiceValue, openSuggestions, parseAccepted, parseChoices, redactionsOf } from './redaction-choices';

const version = (number: number, text: string) => ({ version: number, text }) as RecordVersion;
const versions = [version(1, 'call Ana at ana@town.example'), version(2, 'Ana again: ana@town.example')];

describe('redaction choices on the item page', () => {
  it('redacts a ticked suggestion by its words everywhere unless the officer asks for the passage only', () => {
    const form = { kept: [], accepted: ['1:12:28'], phrase: '', code: '1-210(b)(2)' };
    expect(redactionsOf({ ...form, scope: 'everywhere' }, versions)).toEqual([
      { text: 'ana@town.example', code: '1-210(b)(2)' },
    ]);
    expect(redactionsOf({ ...form, scope: 'passage' }, versions)).toEqual([
      { version: 1, start: 12, end: 28, code: '1-210(b)(2)' },
    ]);
  });

  it('keeps ticked earlier redactions with their own exemption, adds the phrase, and gives the same words once', () => {
    const kept = [{ text: 'Ana', code: '1-217' }];
    expect(
      redactionsOf(
        { kept, accepted: ['1:12:28', 'junk'], scope: 'everywhere', phrase: '  ana  ', code: '1-210(b)(2)' },
        versions,
      ),
    ).toEqual([
      { text: 'Ana', code: '1-217' },
      { text: 'ana@town.example', code: '1-210(b)(2)' },
    ]);
  });

  it('does not offer again what a span or a text already covers', () => {
    const suggestions = [
      { version: 1, kind: 'email' as const, start: 12, end: 28, text: 'ana@town.example' },
      { version: 2, kind: 'email' as const, start: 11, end: 27, text: 'ana@town.example' },
    ];
    expect(openSuggestions(suggestions, [{ version: 1, start: 12, end: 28, code: 'X' }])).toEqual([suggestions[1]]);
    expect(openSuggestions(suggestions, [{ text: 'ANA@town.example', code: 'X' }])).toEqual([]);
  });

  it('round-trips checkbox values and ignores malformed ones', () => {
    const values = [choiceValue({ text: 'Ana', section: 'item:rec_1' }), 'not json', '42', 'null'];
    expect(parseChoices(values)).toEqual([{ text: 'Ana', section: 'item:rec_1' }]);
    expect(parseAccepted(['1:2:3', '1:2', 'a:b:c', '4:5:6'])).toEqual([
      { version: 1, start: 2, end: 3 },
      { version: 4, start: 5, end: 6 },
    ]);
  });
});
