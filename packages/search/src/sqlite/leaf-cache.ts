import type { Database, Statement } from 'better-sqlite3';
import type { ColumnCache } from './column-cache';
import { difference, EMPTY_ROW_SET, parseRowList, union, upTo, type RowSet } from './row-set';

export interface LeafCacheOptions {
  /** Memory for cached match lists, in bytes (4 per match). */
  budgetBytes: number;
  /** Leaves with fewer matches are cheap to fetch each time and are not cached. */
  minCachedRows: number;
}

interface LeafEntry {
  rows: RowSet;
  epoch: string;
  /** The entry reflects documents up to this number... */
  upToDoc: number;
  /** ...and text changes up to this change sequence number. */
  upToChange: number;
}

/** Above this many changed documents a cached leaf is refetched rather than rechecked one by one. */
const RECHECK_LIMIT = 256;

/**
 * The documents each query leaf (a term, phrase or prefix) matches, from FTS5, with the large ones cached.
 *
 * Fetching a leaf that matches 300,000 documents costs ~50 ms (FTS5 walks its doclist at ~80 ns a row, then
 * the list crosses into JS); a cached list costs nothing. A cached list is kept exact incrementally, never
 * thrown away on writes: documents added since are fetched with a `rowid >` range (FTS5 seeks straight to
 * them), and documents whose text changed are rechecked one by one.
 */
export class LeafCache {
  private readonly entries = new Map<string, LeafEntry>();
  private usedBytes = 0;
  private readonly fetchRange: Statement<[string, number, number]>;
  private readonly checkOne: Statement<[string, number]>;

  constructor(
    db: Database,
    private readonly columns: ColumnCache,
    private readonly options: LeafCacheOptions,
  ) {
    // better-sqlite3 binds JS numbers as REAL, and FTS5 ignores a rowid bound that is not an INTEGER (with `=`
    // it then returns every match), hence the CASTs here and wherever a rowid is bound.
    this.fetchRange = db
      .prepare(
        'SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ? AND rowid > CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)',
      )
      .pluck();
    this.checkOne = db
      .prepare('SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid = CAST(? AS INTEGER)')
      .pluck();
  }

  /** The documents numbered up to `bound` that match an FTS5 MATCH expression. */
  rowsFor(expression: string, bound: number): RowSet {
    const entry = this.entries.get(expression);
    if (entry && this.catchUp(expression, entry)) {
      this.entries.delete(expression);
      this.entries.set(expression, entry);
      return upTo(entry.rows, bound);
    }
    if (entry) this.remove(expression, entry);
    const rows = this.fetch(expression, 0, this.columns.maxDoc);
    if (rows.length >= this.options.minCachedRows) this.store(expression, rows);
    return upTo(rows, bound);
  }

  /** Drops every cached list. */
  clear(): void {
    this.entries.clear();
    this.usedBytes = 0;
  }

  private catchUp(expression: string, entry: LeafEntry): boolean {
    if (entry.epoch !== this.columns.epoch) return false;
    const bytesBefore = entry.rows.byteLength;
    if (entry.upToChange < this.columns.changeSeq) {
      const changed = this.columns.textChangesSince(entry.upToChange);
      if (changed === null) return false;
      const recheck = [...new Set(changed)].filter((doc) => doc <= entry.upToDoc).sort((a, b) => a - b);
      if (recheck.length > RECHECK_LIMIT) return false;
      const matching = recheck.filter((doc) => this.checkOne.get(expression, doc) !== undefined);
      entry.rows = union(difference(entry.rows, Int32Array.from(recheck)), Int32Array.from(matching));
    }
    if (entry.upToDoc < this.columns.maxDoc) {
      entry.rows = union(entry.rows, this.fetch(expression, entry.upToDoc, this.columns.maxDoc));
    }
    entry.upToDoc = this.columns.maxDoc;
    entry.upToChange = this.columns.changeSeq;
    this.usedBytes += entry.rows.byteLength - bytesBefore;
    return true;
  }

  private fetch(expression: string, after: number, upToDoc: number): RowSet {
    if (upToDoc <= after) return EMPTY_ROW_SET;
    return parseRowList(this.fetchRange.get(expression, after, upToDoc) as string | null);
  }

  private store(expression: string, fetched: RowSet): void {
    if (fetched.byteLength > this.options.budgetBytes) return;
    // A parsed list is a view on a larger buffer; keep only what it uses.
    const rows = fetched.buffer.byteLength > fetched.byteLength ? fetched.slice() : fetched;
    const bytes = rows.byteLength;
    const entry: LeafEntry = {
      rows,
      epoch: this.columns.epoch,
      upToDoc: this.columns.maxDoc,
      upToChange: this.columns.changeSeq,
    };
    this.entries.set(expression, entry);
    this.usedBytes += bytes;
    for (const [oldest, old] of this.entries) {
      if (this.usedBytes <= this.options.budgetBytes) break;
      this.remove(oldest, old);
    }
  }

  private remove(expression: string, entry: LeafEntry): void {
    this.entries.delete(expression);
    this.usedBytes -= entry.rows.byteLength;
  }
}
