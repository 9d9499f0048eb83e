import type { ColumnCache } from './column-cache';
import type { DateOrder } from './date-order';
import type { SearchSnapshot } from './point-in-time';
import type { RowSet } from './row-set';

export interface DatePage {
  docs: number[];
  /** Keyset position of the last hit, (postedAt, document number), when more follow. */
  next: [number, number] | null;
}

/**
 * Pages of a date sort by keyset on (postedAt, document number), by whichever way is cheaper:
 * - few matches: one pass over them keeping the best `limit + 1` in a small sorted buffer;
 * - many matches: a walk along the global date order from the cursor, skipping non-matches, which stops after
 *   about limit × documents / matches steps.
 * Page 50 costs what page 1 does either way.
 */
export class DatePager {
  constructor(
    private readonly columns: ColumnCache,
    private readonly dateOrder: DateOrder,
  ) {}

  page(snapshot: SearchSnapshot, descending: boolean, after: [number, number] | undefined, limit: number): DatePage {
    const matches = snapshot.matches.length;
    const docs =
      matches * matches < 4 * (limit + 1) * this.columns.documentCount
        ? this.select(snapshot.matches, descending, after, limit + 1)
        : this.walk(snapshot, descending, after, limit + 1);
    if (docs.length <= limit) return { docs, next: null };
    const last = docs[limit - 1];
    return { docs: docs.slice(0, limit), next: [this.columns.postedAt[last], last] };
  }

  private select(matches: RowSet, descending: boolean, after: [number, number] | undefined, keep: number): number[] {
    const postedAt = this.columns.postedAt;
    const sign = descending ? -1 : 1;
    /** Negative when doc sorts before the position (key, other). */
    const compare = (doc: number, key: number, other: number): number => sign * (postedAt[doc] - key || doc - other);
    const buffer: number[] = [];
    for (let index = 0; index < matches.length; index += 1) {
      const doc = matches[index];
      if (after && compare(doc, after[0], after[1]) <= 0) continue;
      if (buffer.length === keep) {
        const worst = buffer[keep - 1];
        if (compare(doc, postedAt[worst], worst) >= 0) continue;
        buffer.pop();
      }
      let low = 0;
      let high = buffer.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(buffer[middle], postedAt[doc], doc) < 0) low = middle + 1;
        else high = middle;
      }
      buffer.splice(low, 0, doc);
    }
    return buffer;
  }

  private walk(
    snapshot: SearchSnapshot,
    descending: boolean,
    after: [number, number] | undefined,
    keep: number,
  ): number[] {
    const order = this.dateOrder.current();
    const isMember = this.membership(snapshot);
    const step = descending ? -1 : 1;
    let index = descending ? order.length - 1 : 0;
    if (after) index = this.dateOrder.boundary(order, after[0], after[1], !descending) + (descending ? -1 : 0);
    const docs: number[] = [];
    for (; index >= 0 && index < order.length && docs.length < keep; index += step) {
      if (isMember(order[index])) docs.push(order[index]);
    }
    return docs;
  }

  private membership(snapshot: SearchSnapshot): (doc: number) => boolean {
    const bound = snapshot.bound;
    if (snapshot.everything) return (doc) => doc <= bound;
    let bits = snapshot.membership;
    if (!bits) {
      bits = new Uint32Array((bound >>> 5) + 1);
      for (const doc of snapshot.matches) bits[doc >>> 5] |= 1 << (doc & 31);
      snapshot.membership = bits;
    }
    const set = bits;
    return (doc) => doc <= bound && (set[doc >>> 5] & (1 << (doc & 31))) !== 0;
  }
}
