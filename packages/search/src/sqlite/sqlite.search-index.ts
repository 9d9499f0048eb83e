import type { Database } from 'better-sqlite3';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '@verbatim/core';
import { ColumnCache } from './column-cache';
import { DateOrder } from './date-order';
import { DatePager } from './date-pager';
import { Dictionary } from './dictionary';
import { DocumentWriter } from './document-writer';
import { Highlighter } from './highlights';
import { LeafCache } from './leaf-cache';
import { MatchEvaluator } from './match-evaluator';
import { PointInTimeCache } from './point-in-time';
import { Ranker } from './ranking';
import { DOCUMENT_FORMAT, ensureSearchSchema, META, readMeta } from './schema';
import { StoredDocuments } from './stored-documents';
import { SearchRunner } from './search-runner';
import { prepareSearchRequest } from './search-request';
import { warmUpFrequentTerms, type WarmUpOptions, type WarmUpReport } from './warm-up';

export interface SqliteSearchIndexOptions {
  /** Length of the document-id tail before it is merged (see DocumentIds). Default 65,536. */
  idMergeThreshold?: number;
  /** Memory for cached match lists of frequent terms. Default 256 MiB (a term in 300,000 documents: 1.2 MB). */
  leafCacheBytes?: number;
  /** Match lists shorter than this are fetched from FTS5 every time rather than cached. Default 5,000. */
  minCachedLeafRows?: number;
  /** Memory for paging snapshots (points in time). Default 128 MiB. */
  pointInTimeBytes?: number;
  /** A paging snapshot unused this long is dropped; its cursors then recompute. Default 15 minutes. */
  pointInTimeTtlMs?: number;
  /** Matches ranked together for relevance; see relevance-pager.ts. Default 1,000. */
  relevanceWindow?: number;
  /**
   * Where writes go. Default: this connection, synchronously. `openThreadedSqliteSearchIndex` passes a writer
   * thread with its own connection instead; this object then only reads, catching up on what it wrote.
   */
  writer?: SearchIndexWriter;
}

/** The write side of the index, swappable so that writes can run on another thread. */
export interface SearchIndexWriter {
  upsert(documents: SearchDocument[]): void | Promise<void>;
  clear(): void | Promise<void>;
  close(): void | Promise<void>;
}

/**
 * The search index in SQLite FTS5. It owns only tables named search_*, in its own file or the catalog's.
 *
 * Matching is FTS5's; everything after it runs in JS over in-memory structures kept current incrementally:
 * filter and facet values in typed arrays (column-cache.ts), match lists of frequent terms (leaf-cache.ts),
 * relevance scored over a bounded window (ranking.ts), and snapshots of searches being paged (point-in-time.ts).
 */
export class SqliteSearchIndex implements SearchIndex {
  private readonly dictionary: Dictionary;
  private readonly columns: ColumnCache;
  private readonly leaves: LeafCache;
  private readonly pointsInTime: PointInTimeCache;
  private readonly writer: SearchIndexWriter;
  private readonly runner: SearchRunner;
  private closed = false;
  private storedDocuments: StoredDocuments | null = null;

  /** Uses existing search tables; `openSqliteSearchIndex` also creates them. The caller owns `db`. */
  constructor(
    private readonly db: Database,
    options: SqliteSearchIndexOptions = {},
  ) {
    const cursorSecret = readMeta(db, META.cursorSecret);
    this.dictionary = new Dictionary(db);
    this.columns = new ColumnCache(db);
    this.leaves = new LeafCache(db, this.columns, {
      budgetBytes: options.leafCacheBytes ?? 256 * 2 ** 20,
      minCachedRows: options.minCachedLeafRows ?? 5000,
    });
    this.pointsInTime = new PointInTimeCache({
      budgetBytes: options.pointInTimeBytes ?? 128 * 2 ** 20,
      ttlMs: options.pointInTimeTtlMs ?? 15 * 60_000,
    });
    this.writer =
      options.writer ??
      inConnectionWriter(new DocumentWriter(db, this.dictionary, { idMergeThreshold: options.idMergeThreshold }));
    this.runner = new SearchRunner({
      db,
      columns: this.columns,
      dictionary: this.dictionary,
      evaluator: new MatchEvaluator(this.leaves, this.columns),
      ranker: new Ranker(db),
      highlighter: new Highlighter(db),
      datePager: new DatePager(this.columns, new DateOrder(this.columns)),
      pointsInTime: this.pointsInTime,
      cursorSecret,
      relevanceWindow: options.relevanceWindow ?? 1000,
    });
  }

  /** Adds or replaces documents by id in one transaction. Unchanged text is not rewritten in FTS5. */
  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    await this.writer.upsert(documents);
  }

  /** Runs a query; see SearchIndex.search. Throws `SearchQueryError` for bad query text, filters or cursor. */
  async search(query: SearchQuery): Promise<SearchResult> {
    this.assertOpen();
    return this.runner.run(prepareSearchRequest(query));
  }

  /** Number of documents indexed. */
  async count(): Promise<number> {
    this.assertOpen();
    return this.db.prepare('SELECT count(*) FROM search_documents').pluck().get() as number;
  }

  /** Compares these documents with what the index holds for them (see SearchIndex.verify). */
  async verify(documents: SearchDocument[]): Promise<Array<{ id: string; state: 'same' | 'different' | 'missing' }>> {
    this.assertOpen();
    this.storedDocuments ??= new StoredDocuments(this.db);
    return this.storedDocuments.verify(documents);
  }

  /** Why the index must be rebuilt: written in an older document format (before policy flags); else null. */
  async outdated(): Promise<string | null> {
    this.assertOpen();
    const format = Number(readMeta(this.db, META.documentFormat));
    return format < DOCUMENT_FORMAT
      ? `the search index was written before policy flags were indexed (format ${format}, now ${DOCUMENT_FORMAT}): a reindex adds them`
      : null;
  }

  /** Removes every document. Cursors issued before are refused afterwards. */
  async clear(): Promise<void> {
    this.assertOpen();
    await this.writer.clear();
    this.leaves.clear();
    this.pointsInTime.clear();
  }

  /** Checks the search tables answer. */
  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1 FROM search_meta LIMIT 1').get();
  }

  /** Releases the caches and the writer. The database handle stays open: it belongs to the caller. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.close();
    this.leaves.clear();
    this.pointsInTime.clear();
  }

  /**
   * Precomputes the match lists of the most frequent words (a few seconds at a million documents), so the
   * first search for a common word is as fast as the next. Worth calling after a start or a rebuild.
   */
  warmUp(options?: WarmUpOptions): WarmUpReport {
    this.assertOpen();
    return this.db.transaction(() => warmUpFrequentTerms(this.db, this.columns, this.leaves, options))();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the search index is closed');
  }
}

function inConnectionWriter(writer: DocumentWriter): SearchIndexWriter {
  return { upsert: (documents) => writer.upsert(documents), clear: () => writer.clear(), close: () => undefined };
}

/** Opens the search index in `db`, creating its tables if absent. */
export function openSqliteSearchIndex(db: Database, options?: SqliteSearchIndexOptions): SqliteSearchIndex {
  ensureSearchSchema(db);
  return new SqliteSearchIndex(db, options);
}
