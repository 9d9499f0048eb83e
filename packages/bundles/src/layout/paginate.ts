import { lineCount, type Block, type FlowBlock, type ImageBlock } from './blocks';
import { PAGE } from './page-geometry';

/** Where part of a block goes on a page: lines [from, to) of a flow block, or a whole image, with its top. */
export type Placement =
  | { kind: 'flow'; block: FlowBlock; from: number; to: number; y: number }
  | { kind: 'image'; block: ImageBlock; y: number };

export type PageLayout = Placement[];

/** Cell padding above and below each (part of a) row, in points. */
export const ROW_PADDING = 2;

function padding(block: FlowBlock): number {
  return block.row ? ROW_PADDING : 0;
}

function heightOf(block: Block, lines = block.kind === 'flow' ? lineCount(block) : 0): number {
  return block.kind === 'image' ? block.height : lines * block.leading + 2 * padding(block);
}

/** The least of `block` that must share a page with the heading before it. */
function minimumHeight(block: Block | undefined): number {
  if (block === undefined) return 0;
  if (block.kind === 'image') return block.height;
  return Math.min(lineCount(block), 2) * block.leading + 2 * padding(block);
}

/** Pages being filled: the current page, the cursor, and pages completed since last asked. */
class PageFlow {
  private page: PageLayout = [];
  private y: number = PAGE.top;
  private completed: PageLayout[] = [];

  /** Places `block` (knowing the block after it, for keep-with-next) and returns the pages it completed. */
  place(block: Block, next: Block | undefined): PageLayout[] {
    const atTop = this.y === PAGE.top;
    const whole = heightOf(block);
    const needed =
      block.kind === 'image' || block.keepTogether
        ? whole
        : block.keepWithNext
          ? whole + minimumHeight(next)
          : minimumHeight(block);
    if (!atTop && block.spaceBefore + needed > PAGE.bottom - this.y) this.newPage();
    else if (!atTop) this.y += block.spaceBefore;
    if (block.kind === 'image') {
      this.page.push({ kind: 'image', block, y: this.y });
      this.y += block.height;
    } else {
      this.placeFlow(block);
    }
    const completed = this.completed;
    this.completed = [];
    return completed;
  }

  /** The last page (a section always has at least one). */
  finish(): PageLayout {
    return this.page;
  }

  private newPage(): void {
    this.completed.push(this.page);
    this.page = [];
    this.y = PAGE.top;
  }

  private placeFlow(block: FlowBlock): void {
    const total = lineCount(block);
    const pad = padding(block);
    let from = 0;
    do {
      const fit = Math.floor((PAGE.bottom - this.y - 2 * pad) / block.leading);
      // On a fresh page at least one line always fits, so this loop always makes progress.
      if (fit <= 0) {
        this.newPage();
        continue;
      }
      const to = Math.min(total, from + fit);
      this.page.push({ kind: 'flow', block, from, to, y: this.y });
      this.y += (to - from) * block.leading + 2 * pad;
      from = to;
      if (from < total) this.newPage();
    } while (from < total);
  }
}

/**
 * Flows a section's blocks onto pages, starting on a fresh page, yielding each page as soon as it is complete,
 * so a section as long as a 10,000-row index is never held whole. Deterministic and independent of drawing:
 * the planning pass and the drawing pass agree on every page break. Headings stay with what follows, rows stay
 * whole when they fit on a page, images are never split.
 */
export function* paginate(blocks: Iterable<Block>): Generator<PageLayout> {
  const flow = new PageFlow();
  let previous: Block | undefined;
  for (const block of blocks) {
    if (previous !== undefined) yield* flow.place(previous, block);
    previous = block;
  }
  if (previous !== undefined) yield* flow.place(previous, undefined);
  yield flow.finish();
}

/** How many pages `blocks` fill. */
export function countPages(blocks: Iterable<Block>): number {
  let pages = 0;
  const pagination = paginate(blocks);
  while (!pagination.next().done) pages++;
  return pages;
}
