import { sharedFontLibrary } from './font-library';
import { layoutParagraph, layoutText, linePieces, type TextStyle } from './paragraph-layout';
import { Shaper } from './shaper';

const shaper = new Shaper(sharedFontLibrary());
const body: TextStyle = { font: 'sans', size: 10, leading: 14 };
const lineTexts = (text: string, width: number) => {
  const paragraph = layoutParagraph(text, body, width, shaper);
  return paragraph.lines.map((line) => paragraph.text.slice(line.start, line.end));
};
const widthOf = (text: string) => shaper.measure('sans', text, false) * body.size;

describe('paragraph layout', () => {
  test('breaks between words, never past the width, and keeps every character', () => {
    const text = 'The Board of Selectmen will meet on Tuesday at Town Hall to discuss the budget and road work.';
    const lines = lineTexts(text, 150);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe(text);
  });

  test('a word longer than the line is broken between characters', () => {
    const url = `https://town.example.gov/${'x'.repeat(120)}`;
    const lines = lineTexts(url, 100);
    expect(lines.join('')).toBe(url);
    for (const line of lines) expect(widthOf(line)).toBeLessThanOrEqual(100);
  });

  test('a word kept whole wraps as one, and breaks between characters only when wider than the line', () => {
    const id = 'rec-2026-01-08-parks-comment-417';
    const text = `Duplicate of ${id}, withheld`;
    const keptWhole = (width: number) => {
      const paragraph = layoutParagraph(text, body, width, shaper, { keepWhole: [id] });
      return paragraph.lines.map((line) => paragraph.text.slice(line.start, line.end));
    };
    const width = widthOf(id) + 4;
    // Without the option the id breaks after a hyphen; with it, it moves to its own line whole.
    expect(lineTexts(text, width).some((line) => line.includes(id))).toBe(false);
    expect(keptWhole(width)).toEqual(['Duplicate of', `${id},`, 'withheld']);
    const narrow = keptWhole(widthOf(id) / 2);
    expect(narrow.some((line) => line.includes(id))).toBe(false);
    expect(narrow.join('')).toContain(id);
  });

  test('CJK breaks between ideographs', () => {
    const lines = lineTexts('会議のお知らせ会議のお知らせ会議のお知らせ', 60);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe('会議のお知らせ会議のお知らせ会議のお知らせ');
  });

  test('line separators start new paragraphs and blank lines are kept', () => {
    expect(layoutText('one\n\nthree', body, 300, shaper).map((paragraph) => paragraph.lines.length)).toEqual([1, 1, 1]);
  });

  test('right-to-left runs are placed in visual order, digits and Latin kept left to right', () => {
    const paragraph = layoutParagraph('hello مرحبا بالجميع 2026 world', body, 400, shaper);
    const { pieces } = linePieces(paragraph, 0, shaper);
    expect(paragraph.rtl).toBe(false);
    expect(pieces.map((piece) => [piece.text, piece.rtl])).toEqual([
      // The Arabic phrase and the number after it read right to left as a unit (UAX #9): the number comes first.
      ['hello ', false],
      ['2026', false],
      ['مرحبا بالجميع ', true],
      [' ', false],
      ['world', false],
    ]);
    for (let index = 1; index < pieces.length; index++) expect(pieces[index].x).toBeGreaterThan(pieces[index - 1].x);
  });

  test('a paragraph that starts right to left is right to left, and sits against the right edge', () => {
    const paragraph = layoutParagraph('שלום לכולם, see you there', body, 400, shaper);
    const { pieces, offset } = linePieces(paragraph, 0, shaper);
    expect(paragraph.rtl).toBe(true);
    expect(offset).toBeGreaterThan(100);
    expect(pieces.at(-1)!.text).toContain('שלום');
  });

  test('right-to-left text is shaped and mirrored: Arabic joins, a bracket is flipped, no missing glyph', () => {
    const isolated = shaper.shape('arabic', 'ب', true).glyphs.map((glyph) => glyph.id);
    const joined = shaper.shape('arabic', 'بب', true).glyphs.map((glyph) => glyph.id);
    expect(joined).not.toEqual([...isolated, ...isolated]); // initial and final forms, not two isolated letters
    const bracket = shaper.shape('sans', '(', true).glyphs[0];
    expect(bracket.codePoints).toEqual([')'.codePointAt(0)]);
    expect(shaper.shape('arabic', 'مرحبا (1)', true).glyphs.every((glyph) => glyph.id !== 0)).toBe(true);
  });
});
