import { formatBates, type BatesNumbering } from '../format/bates';

/** Page counts of each section, in document order; withheld items have 0 item pages. */
export interface SectionPages {
  cover: number;
  index: number;
  items: readonly number[];
  log: number;
}

/** A page range by page index (0-based, inclusive). */
export interface PageRange {
  first: number;
  last: number;
}

/**
 * Which page every part of the bundle lands on, hence every Bates number. Built by the planning pass and
 * consumed by the drawing pass, which must land on exactly the same pages.
 */
export class BatesPlan {
  private readonly itemStarts: number[] = [];
  readonly totalPages: number;

  constructor(
    readonly numbering: BatesNumbering,
    readonly pages: SectionPages,
    /** Item id → page offset within the log of the row that lists it (withheld items). */
    private readonly logRows: ReadonlyMap<string, number>,
  ) {
    let start = pages.cover + pages.index;
    for (const count of pages.items) {
      this.itemStarts.push(start);
      start += count;
    }
    this.totalPages = start + pages.log;
    formatBates(numbering, this.totalPages - 1); // fail now, not on the last page, if the counter overflows
  }

  bates(pageIndex: number): string {
    return formatBates(this.numbering, pageIndex);
  }

  get indexStart(): number {
    return this.pages.cover;
  }

  get logStart(): number {
    return this.totalPages - this.pages.log;
  }

  /** Pages of the item at `position` (0-based, input order); undefined for a withheld item. */
  itemRange(position: number): PageRange | undefined {
    const count = this.pages.items[position];
    if (!count) return undefined;
    const first = this.itemStarts[position];
    return { first, last: first + count - 1 };
  }

  /** The log page listing withheld item `itemId`. */
  logPageOf(itemId: string): number | undefined {
    const offset = this.logRows.get(itemId);
    return offset === undefined ? undefined : this.logStart + offset;
  }

  /** `WESTPORT000004` or `WESTPORT000004–WESTPORT000007`. */
  batesRange(range: PageRange): string {
    return range.first === range.last
      ? this.bates(range.first)
      : `${this.bates(range.first)}–${this.bates(range.last)}`;
  }

  /** True when both plans put every section on the same number of pages. */
  samePagesAs(other: SectionPages): boolean {
    return this.pages.cover === other.cover && this.pages.index === other.index && this.pages.log === other.log;
  }
}
