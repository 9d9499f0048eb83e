import { sharedFontLibrary } from './font-library';
import { splitFontRuns } from './font-runs';

const library = sharedFontLibrary();
const runsOf = (text: string) => {
  const { text: out, runs } = splitFontRuns(text, 'sans', library);
  return runs.map((run) => [run.font, out.slice(run.start, run.end)]);
};

describe('splitFontRuns', () => {
  test('plain ASCII is one run in the primary face', () => {
    expect(runsOf('Budget hearing at 7:00 PM')).toEqual([['sans', 'Budget hearing at 7:00 PM']]);
  });

  test('each character goes to the first face that has it', () => {
    // Spaces and punctuation stay in the run of a script face that has them, so a phrase stays one run.
    expect(runsOf('Café 会議 도로 مرحبا שלום ✓ 🎉')).toEqual([
      ['sans', 'Café '],
      ['cjk-sc', '会議 '],
      ['cjk-kr', '도로 '],
      ['arabic', 'مرحبا '],
      ['hebrew', 'שלום '],
      ['cjk-sc', '✓ '],
      ['emoji', '🎉'],
    ]);
  });

  test('emoji sequences stay whole in the emoji face, joiners and variation selectors included', () => {
    expect(runsOf('👨‍👩‍👧❄️👍🏽')).toEqual([['emoji', '👨‍👩‍👧❄️👍🏽']]);
  });

  test('a combining mark stays with its base character', () => {
    expect(runsOf('e\u0301 שָׁלוֹם')).toEqual([
      ['sans', 'e\u0301 '],
      ['hebrew', 'שָׁלוֹם'],
    ]);
  });

  test('a character no face has becomes a visible placeholder, never a missing-glyph box', () => {
    expect(runsOf('Thai \u0E01!')).toEqual([['sans', 'Thai [U+0E01]!']]);
    const { text, runs } = splitFontRuns('\u{1D11E}\u0E01', 'sans', library);
    for (const run of runs)
      for (const char of text.slice(run.start, run.end))
        expect(library.covers(run.font, char.codePointAt(0)!)).toBe(true);
  });
});
