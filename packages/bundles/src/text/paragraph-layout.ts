import bidiFactory from 'bidi-js';
import type { FontKey } from './font-library';
import { splitFontRuns } from './font-runs';
import { breakLines, type LineSpan, type StyledRun } from './line-breaking';
import type { Shaper } from './shaper';

/** A text style: primary face, size and line height in points. */
export interface TextStyle {
  font: FontKey;
  size: number;
  leading: number;
}

/** A paragraph broken into lines; what a line holds is worked out only when it is drawn (`linePieces`). */
export interface LaidOutParagraph {
  text: string;
  runs: StyledRun[];
  rtl: boolean;
  lines: LineSpan[];
  style: TextStyle;
  width: number;
}

/** A piece of one line, in visual order: drawn with one face, in one direction, from `x` points. */
export interface LinePiece {
  font: FontKey;
  text: string;
  rtl: boolean;
  x: number;
}

const bidi = bidiFactory();
const NEEDS_BIDI =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const PARAGRAPH_SEPARATOR = /\r\n|[\r\n\u2028\u2029\u0085]/;

function styledRuns(text: string, primary: FontKey, shaper: Shaper): { text: string; runs: StyledRun[]; rtl: boolean } {
  const faces = splitFontRuns(text, primary, shaper.library);
  if (!NEEDS_BIDI.test(faces.text))
    return { text: faces.text, runs: faces.runs.map((run) => ({ ...run, level: 0 })), rtl: false };
  const { levels, paragraphs } = bidi.getEmbeddingLevels(faces.text);
  const runs: StyledRun[] = [];
  for (const run of faces.runs) {
    let start = run.start;
    for (let index = run.start + 1; index <= run.end; index++) {
      if (index === run.end || levels[index] !== levels[start]) {
        runs.push({ font: run.font, start, end: index, level: levels[start] });
        start = index;
      }
    }
  }
  return { text: faces.text, runs, rtl: (paragraphs[0]?.level ?? 0) % 2 === 1 };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Options of a paragraph's layout. */
export interface LayoutOptions {
  /** Words never broken inside (record ids): they wrap whole, and break only when wider than the line alone. */
  keepWhole?: readonly string[];
}

/** Where each `keepWhole` word occurs in `text`. */
function unbreakableRanges(text: string, words: readonly string[]): LineSpan[] {
  const ranges: LineSpan[] = [];
  for (const word of words) {
    if (!word) continue;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length))
      ranges.push({ start: at, end: at + word.length });
  }
  return ranges;
}

/** Lays out one paragraph (no line separators inside) into `width` points. */
export function layoutParagraph(
  raw: string,
  style: TextStyle,
  width: number,
  shaper: Shaper,
  options: LayoutOptions = {},
): LaidOutParagraph {
  // Most fields (times, ids, hashes, handles) are short ASCII that fits: one run, one line, no break search.
  if (PRINTABLE_ASCII.test(raw) && shaper.measure(style.font, raw, false) * style.size <= width) {
    const end = raw.trimEnd().length;
    return {
      text: raw,
      runs: raw.length === 0 ? [] : [{ font: style.font, start: 0, end: raw.length, level: 0 }],
      rtl: false,
      lines: [{ start: 0, end }],
      style,
      width,
    };
  }
  const { text, runs, rtl } = styledRuns(raw.normalize('NFC').replace(/\t/g, '    '), style.font, shaper);
  const unbreakable = unbreakableRanges(text, options.keepWhole ?? []);
  const lines = breakLines(text, runs, width / style.size, shaper, unbreakable);
  return { text, runs, rtl, lines, style, width };
}

/** Lays out text that may hold several paragraphs; an empty paragraph keeps its blank line. */
export function layoutText(
  raw: string,
  style: TextStyle,
  width: number,
  shaper: Shaper,
  options: LayoutOptions = {},
): LaidOutParagraph[] {
  return raw.split(PARAGRAPH_SEPARATOR).map((paragraph) => layoutParagraph(paragraph, style, width, shaper, options));
}

/** Reorders pieces for display (UAX #9 rule L2, at piece granularity: each piece has a single level). */
function reorderVisually<T extends { level: number }>(pieces: T[]): T[] {
  let highest = 0;
  let lowest = Infinity;
  for (const piece of pieces) {
    highest = Math.max(highest, piece.level);
    lowest = Math.min(lowest, piece.level);
  }
  if (highest === 0) return pieces;
  const ordered = pieces.slice();
  const lowestOdd = lowest % 2 === 1 ? lowest : lowest + 1;
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < ordered.length;) {
      if (ordered[start].level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < ordered.length && ordered[end].level >= level) end++;
      const reversed = ordered.slice(start, end).reverse();
      ordered.splice(start, end - start, ...reversed);
      start = end;
    }
  }
  return ordered;
}

/** The pieces of line `index` in drawing order, and the line's offset from the left edge (RTL lines sit right). */
export function linePieces(
  paragraph: LaidOutParagraph,
  index: number,
  shaper: Shaper,
): { pieces: LinePiece[]; offset: number } {
  const { start, end } = paragraph.lines[index];
  if (paragraph.runs.length === 1 && !paragraph.rtl && paragraph.runs[0].level === 0) {
    return {
      pieces:
        start === end
          ? []
          : [{ font: paragraph.runs[0].font, text: paragraph.text.slice(start, end), rtl: false, x: 0 }],
      offset: 0,
    };
  }
  const logical: Array<StyledRun & { text: string }> = [];
  for (const run of paragraph.runs) {
    if (run.end <= start || run.start >= end) continue;
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    logical.push({ ...run, start: from, end: to, text: paragraph.text.slice(from, to) });
  }
  const { size } = paragraph.style;
  const pieces: LinePiece[] = [];
  let x = 0;
  for (const run of reorderVisually(logical)) {
    const rtl = run.level % 2 === 1;
    pieces.push({ font: run.font, text: run.text, rtl, x });
    x += shaper.measure(run.font, run.text, rtl) * size;
  }
  return { pieces, offset: paragraph.rtl ? Math.max(0, paragraph.width - x) : 0 };
}
