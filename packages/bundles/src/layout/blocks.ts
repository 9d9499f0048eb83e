import type { LaidOutParagraph } from '../text/paragraph-layout';

/** A structure element above the leaf (Sect, Table, …). `id` tells two siblings of one type apart. */
export interface StructNode {
  id: string;
  type: 'Sect' | 'Table' | 'Div' | 'BlockQuote';
  title?: string;
}

/** The leaf tag a cell's marked content is attached to. */
export type LeafTag = 'H1' | 'H2' | 'H3' | 'P' | 'TH' | 'TD' | 'Caption';

/** One column of a flow block: its tag, position and laid-out text. */
export interface Cell {
  tag: LeafTag;
  x: number;
  width: number;
  paragraphs: LaidOutParagraph[];
  /** For header cells: which way they label. */
  scope?: 'Row' | 'Column';
}

/**
 * Text in one or more columns sharing one leading: a paragraph or heading (one cell) or a table row (cells under
 * a TR). It may break across pages between lines unless `keepTogether`.
 */
export interface FlowBlock {
  kind: 'flow';
  path: readonly StructNode[];
  row: boolean;
  cells: Cell[];
  leading: number;
  spaceBefore: number;
  keepWithNext?: boolean;
  keepTogether?: boolean;
  /** Item id whose position (page) the plan wants to know, e.g. a withheld item's log row. */
  anchor?: string;
}

/** An image drawn in a box of fixed size (worked out before any page is drawn). */
export interface ImageBlock {
  kind: 'image';
  path: readonly StructNode[];
  sha256: string;
  x: number;
  width: number;
  height: number;
  alt: string;
  spaceBefore: number;
}

export type Block = FlowBlock | ImageBlock;

/** Lines of a flow block: its tallest cell. */
export function lineCount(block: FlowBlock): number {
  let count = 0;
  for (const cell of block.cells) {
    let lines = 0;
    for (const paragraph of cell.paragraphs) lines += paragraph.lines.length;
    count = Math.max(count, lines);
  }
  return count;
}
