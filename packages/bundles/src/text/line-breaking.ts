import LineBreaker from 'linebreak';
import type { FontKey } from './font-library';
import type { Shaper } from './shaper';

/** A run of one face at one bidi embedding level (odd = right to left). */
export interface StyledRun {
  font: FontKey;
  start: number;
  end: number;
  level: number;
}

/** One line as a range of the paragraph's text, trailing white space excluded. */
export interface LineSpan {
  start: number;
  end: number;
}

const WHITE_SPACE = /\s/;
const CLUSTER_CONTINUATION = /[\p{M}\p{Default_Ignorable_Code_Point}\u{1F3FB}-\u{1F3FF}]/u;

/** Measures ranges of one paragraph in em, walking its runs. */
class RangeMeasurer {
  constructor(
    private readonly text: string,
    private readonly runs: readonly StyledRun[],
    private readonly shaper: Shaper,
  ) {}

  width(start: number, end: number): number {
    let width = 0;
    for (const run of this.runs) {
      if (run.end <= start) continue;
      if (run.start >= end) break;
      const from = Math.max(start, run.start);
      const to = Math.min(end, run.end);
      width += this.shaper.measure(run.font, this.text.slice(from, to), run.level % 2 === 1);
    }
    return width;
  }
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && WHITE_SPACE.test(text[end - 1])) end--;
  return end;
}

/** Splits a range too wide for any line at character boundaries (never inside a cluster). */
function forceBreak(text: string, start: number, end: number, maxWidth: number, measurer: RangeMeasurer): LineSpan[] {
  const lines: LineSpan[] = [];
  let lineStart = start;
  let cursor = start;
  while (cursor < end) {
    let next = cursor + (text.codePointAt(cursor)! > 0xffff ? 2 : 1);
    while (next < end && CLUSTER_CONTINUATION.test(String.fromCodePoint(text.codePointAt(next)!)))
      next += text.codePointAt(next)! > 0xffff ? 2 : 1;
    if (cursor > lineStart && measurer.width(lineStart, next) > maxWidth) {
      lines.push({ start: lineStart, end: cursor });
      lineStart = cursor;
    }
    cursor = next;
  }
  lines.push({ start: lineStart, end });
  return lines;
}

/**
 * Greedy line breaking at UAX #14 opportunities (so CJK breaks between ideographs and URLs after slashes), with
 * widths in em. A word wider than the line is broken between characters. Pure: the same paragraph always
 * breaks the same way, which is what lets the planning pass predict the drawing pass page for page.
 * `unbreakable` ranges (ids, say) lose the opportunities inside them: such a range moves to the next line whole,
 * and is broken between characters only when it alone is wider than the line.
 */
export function breakLines(
  text: string,
  runs: readonly StyledRun[],
  maxWidth: number,
  shaper: Shaper,
  unbreakable: readonly LineSpan[] = [],
): LineSpan[] {
  const measurer = new RangeMeasurer(text, runs, shaper);
  const inside = (position: number) => unbreakable.some((range) => range.start < position && position < range.end);
  const lines: LineSpan[] = [];
  let lineStart = 0;
  let lineEnd = 0;
  let lineWidth = 0;
  const breaker = new LineBreaker(text);
  for (let opportunity = breaker.nextBreak(); opportunity !== null; opportunity = breaker.nextBreak()) {
    if (!opportunity.required && inside(opportunity.position)) continue;
    const segmentStart = lineEnd;
    const segmentEnd = opportunity.position;
    const visibleEnd = trimmedEnd(text, segmentStart, segmentEnd);
    const visibleWidth = measurer.width(segmentStart, visibleEnd);
    if (lineEnd > lineStart && lineWidth + visibleWidth > maxWidth) {
      lines.push({ start: lineStart, end: trimmedEnd(text, lineStart, lineEnd) });
      lineStart = segmentStart;
      lineWidth = 0;
    }
    if (lineEnd === lineStart && visibleWidth > maxWidth) {
      const pieces = forceBreak(text, segmentStart, visibleEnd, maxWidth, measurer);
      lines.push(...pieces.slice(0, -1));
      lineStart = pieces[pieces.length - 1].start;
      lineWidth = measurer.width(lineStart, segmentEnd);
    } else {
      lineWidth += visibleWidth + measurer.width(visibleEnd, segmentEnd);
    }
    lineEnd = segmentEnd;
    if (opportunity.required) {
      lines.push({ start: lineStart, end: trimmedEnd(text, lineStart, lineEnd) });
      lineStart = lineEnd;
      lineWidth = 0;
    }
  }
  if (lineEnd > lineStart || lines.length === 0)
    lines.push({ start: lineStart, end: trimmedEnd(text, lineStart, lineEnd) });
  return lines;
}
