import { randomBytes } from 'node:crypto';
import type { Facets } from './facets';
import type { RankedRows } from './ranking';
import type { RowSet } from './row-set';

/** Everything a search computed on its first page that later pages reuse, frozen at that moment. */
export interface SearchSnapshot {
  epoch: string;
  /** Highest document number included. */
  bound: number;
  /** Every match after filters, ascending. */
  matches: RowSet;
  /** True when the matches are every document up to the bound (no query text, no filters). */
  everything: boolean;
  /** The matches as a bitset, built on first need by date paging (date-pager.ts). */
  membership?: Uint32Array;
  facets: Facets;
  /** Relevance windows ranked so far, by their highest document number. */
  windows: Map<number, RankedRows>;
  /** Documents each query leaf matched, and the corpus size: the idf inputs of relevance scoring. */
  leafCounts: Map<string, number>;
  corpusSize: number;
}

export interface PointInTimeOptions {
  /** Memory for snapshots, in bytes. */
  budgetBytes: number;
  /** A snapshot unused for this long is dropped (like Elasticsearch's keep_alive). */
  ttlMs: number;
}

interface Entry {
  snapshot: SearchSnapshot;
  bytes: number;
  lastUsed: number;
}

/**
 * Snapshots of searches being paged, by random id, least recently used evicted first. This is what makes
 * paging exact while ingest adds and changes documents: later pages read the frozen match list, total, facets
 * and ranking. A cursor whose snapshot is gone falls back to recomputing (see cursor.ts).
 */
export class PointInTimeCache {
  private readonly entries = new Map<string, Entry>();
  private usedBytes = 0;

  constructor(private readonly options: PointInTimeOptions) {}

  /** Stores a snapshot and returns its id. */
  put(snapshot: SearchSnapshot): string {
    const id = randomBytes(9).toString('base64url');
    const bytes = snapshot.matches.byteLength + (snapshot.matches.length >> 3) + 1024;
    this.entries.set(id, { snapshot, bytes, lastUsed: Date.now() });
    this.usedBytes += bytes;
    this.evict();
    return id;
  }

  /** The snapshot with this id, if still held. */
  get(id: string): SearchSnapshot | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (Date.now() - entry.lastUsed > this.options.ttlMs) {
      this.drop(id, entry);
      return undefined;
    }
    entry.lastUsed = Date.now();
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.snapshot;
  }

  /** Accounts for memory a snapshot gained after it was stored (ranked relevance windows). */
  grow(id: string, bytes: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.bytes += bytes;
    this.usedBytes += bytes;
    this.evict();
  }

  clear(): void {
    this.entries.clear();
    this.usedBytes = 0;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) {
      if (this.usedBytes <= this.options.budgetBytes && now - entry.lastUsed <= this.options.ttlMs) break;
      this.drop(id, entry);
    }
  }

  private drop(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.usedBytes -= entry.bytes;
  }
}
