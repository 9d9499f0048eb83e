import type { Shaper } from '../text/shaper';
import { layoutText, type TextStyle } from '../text/paragraph-layout';
import type { Block, Cell, FlowBlock, LeafTag, StructNode } from './blocks';
import { CONTENT_WIDTH, PAGE, STYLES } from './page-geometry';

/** A column of a row: what it says, how, and how wide it is (points). */
export interface ColumnSpec {
  tag: LeafTag;
  text: string;
  width: number;
  style?: TextStyle;
  scope?: 'Row' | 'Column';
  /** Words in `text` never broken inside (record ids): see LayoutOptions. */
  keepWhole?: readonly string[];
}

/** Gap between the columns of a row, in points. */
const COLUMN_GAP = 8;

/** Collects the blocks of one section, laying out their text as it goes. */
export class SectionWriter {
  blocks: Block[] = [];

  constructor(
    private readonly shaper: Shaper,
    readonly path: readonly StructNode[],
  ) {}

  heading(tag: 'H1' | 'H2' | 'H3', text: string, spaceBefore = 10): void {
    const style = tag === 'H1' ? STYLES.title : tag === 'H2' ? STYLES.heading : STYLES.subheading;
    this.text(tag, text, style, { spaceBefore, keepWithNext: true });
  }

  paragraph(
    text: string,
    options: { spaceBefore?: number; indent?: number; style?: TextStyle; path?: readonly StructNode[] } = {},
  ): void {
    this.text('P', text, options.style ?? STYLES.body, {
      spaceBefore: options.spaceBefore ?? 6,
      indent: options.indent,
      path: options.path,
    });
  }

  /** A table row; `path` names the table (and its section) it belongs to. */
  row(
    columns: readonly ColumnSpec[],
    path: readonly StructNode[],
    options: { spaceBefore?: number; anchor?: string } = {},
  ): void {
    let x = PAGE.left;
    const cells: Cell[] = columns.map((column) => {
      const style = column.style ?? STYLES.cell;
      const cell: Cell = {
        tag: column.tag,
        x,
        width: column.width,
        scope: column.scope,
        paragraphs: layoutText(column.text, style, column.width, this.shaper, { keepWhole: column.keepWhole }),
      };
      x += column.width + COLUMN_GAP;
      return cell;
    });
    const leading = Math.max(...columns.map((column) => (column.style ?? STYLES.cell).leading));
    this.blocks.push({
      kind: 'flow',
      path,
      row: true,
      cells,
      leading,
      spaceBefore: options.spaceBefore ?? 0,
      keepTogether: true,
      anchor: options.anchor,
    });
  }

  /** Widths for `count` columns where all but the last are given; the last takes the rest of the line. */
  static columns(...fixed: number[]): number[] {
    const used = fixed.reduce((sum, width) => sum + width + COLUMN_GAP, 0);
    return [...fixed, CONTENT_WIDTH - used];
  }

  push(block: Block): void {
    this.blocks.push(block);
  }

  /** The blocks written since the last call; lets a long section be generated (and paginated) as it goes. */
  take(): Block[] {
    const blocks = this.blocks;
    this.blocks = [];
    return blocks;
  }

  private text(
    tag: LeafTag,
    text: string,
    style: TextStyle,
    options: { spaceBefore: number; keepWithNext?: boolean; indent?: number; path?: readonly StructNode[] },
  ): void {
    const indent = options.indent ?? 0;
    const width = CONTENT_WIDTH - indent;
    const block: FlowBlock = {
      kind: 'flow',
      path: options.path ?? this.path,
      row: false,
      leading: style.leading,
      spaceBefore: options.spaceBefore,
      keepWithNext: options.keepWithNext,
      cells: [{ tag, x: PAGE.left + indent, width, paragraphs: layoutText(text, style, width, this.shaper) }],
    };
    this.blocks.push(block);
  }
}
