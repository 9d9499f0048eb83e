import type { Database, Statement } from 'better-sqlite3';
import { SearchQueryError, type SearchHit, type SearchResult } from '@verbatim/core';
import type { ColumnCache } from './column-cache';
import { decodeCursor, encodeCursor, type CursorState } from './cursor';
import type { Dictionary } from './dictionary';
import type { DatePager } from './date-pager';
import { countFacets, toFacets } from './facets';
import { applyFilters, compileFilters, isUnfiltered } from './filters';
import type { Highlighter } from './highlights';
import type { MatchEvaluator } from './match-evaluator';
import type { PointInTimeCache, SearchSnapshot } from './point-in-time';
import type { Ranker } from './ranking';
import { RelevancePager } from './relevance-pager';
import type { SearchRequest } from './search-request';

export interface SearchRunnerParts {
  db: Database;
  columns: ColumnCache;
  dictionary: Dictionary;
  evaluator: MatchEvaluator;
  ranker: Ranker;
  highlighter: Highlighter;
  datePager: DatePager;
  pointsInTime: PointInTimeCache;
  cursorSecret: string;
  relevanceWindow: number;
}

interface PageOfDocs {
  docs: number[];
  scores?: number[];
  next: Pick<CursorState, 'after' | 'window'> | null;
}

/**
 * Runs one validated search: snapshot (from the cursor's point in time, or computed), one page, hits.
 * Everything reads inside one SQLite read transaction, so the caches, FTS5 and the documents table agree.
 */
export class SearchRunner {
  private readonly selectId: Statement<[number]>;
  private readonly readInSnapshot: (request: SearchRequest) => SearchResult;

  constructor(private readonly parts: SearchRunnerParts) {
    this.selectId = parts.db.prepare('SELECT id FROM search_documents WHERE doc = ?').pluck();
    this.readInSnapshot = parts.db.transaction((request: SearchRequest) => this.runInTransaction(request));
  }

  /** Runs the search. Throws `SearchQueryError` for a cursor this index did not issue for this query. */
  run(request: SearchRequest): SearchResult {
    return this.readInSnapshot(request);
  }

  private runInTransaction(request: SearchRequest): SearchResult {
    const { columns, dictionary, pointsInTime } = this.parts;
    columns.refresh();
    dictionary.refresh();
    const cursor = request.cursor === undefined ? null : this.readCursor(request);
    const held = cursor ? pointsInTime.get(cursor.pointInTime) : undefined;
    const snapshot = held ?? this.takeSnapshot(request, cursor?.bound ?? columns.maxDoc);
    const page = this.readPage(request, snapshot, cursor, held ? cursor!.pointInTime : null);
    let nextCursor: string | null = null;
    if (page.next) {
      const pointInTime = held ? cursor!.pointInTime : pointsInTime.put(snapshot);
      const state: CursorState = {
        epoch: snapshot.epoch,
        queryHash: request.queryHash,
        pointInTime,
        bound: snapshot.bound,
        ...page.next,
      };
      nextCursor = encodeCursor(state, this.parts.cursorSecret);
    }
    return { total: snapshot.matches.length, hits: this.toHits(request, page), facets: snapshot.facets, nextCursor };
  }

  private readCursor(request: SearchRequest): CursorState {
    const state = decodeCursor(request.cursor!, this.parts.cursorSecret);
    if (state.epoch !== this.parts.columns.epoch) {
      throw new SearchQueryError('the cursor is from before the search index was rebuilt; start the search again');
    }
    if (state.queryHash !== request.queryHash) {
      throw new SearchQueryError('the cursor belongs to a different query, filters or sort');
    }
    const needed = request.sort === 'relevance' ? state.window : state.after;
    if (!needed) throw new SearchQueryError('the cursor was issued for a different sort');
    return state;
  }

  private takeSnapshot(request: SearchRequest, bound: number): SearchSnapshot {
    const { columns, dictionary, evaluator } = this.parts;
    const filters = compileFilters(request.filters, dictionary);
    const { rows, leafCounts } = evaluator.evaluate(request.plan, bound);
    const everything = request.plan === null && isUnfiltered(filters);
    const matches = applyFilters(rows, filters, columns);
    // Listing everything now: the column cache keeps those counts current already.
    const counts =
      everything && bound === columns.maxDoc ? columns.totals : countFacets(matches, columns, dictionary.codeLimit);
    return {
      epoch: columns.epoch,
      bound,
      matches,
      everything,
      facets: toFacets(counts, dictionary),
      windows: new Map(),
      leafCounts,
      corpusSize: bound === columns.maxDoc ? columns.documentCount : evaluator.everything(bound).length,
    };
  }

  private readPage(
    request: SearchRequest,
    snapshot: SearchSnapshot,
    cursor: CursorState | null,
    pointInTime: string | null,
  ): PageOfDocs {
    if (request.sort === 'relevance') {
      const pager = new RelevancePager(this.parts.ranker, request.leaves, this.parts.relevanceWindow);
      const page = pager.page(snapshot, cursor?.window, request.limit);
      if (pointInTime && page.addedBytes > 0) this.parts.pointsInTime.grow(pointInTime, page.addedBytes);
      return { docs: page.docs, scores: page.scores, next: page.next ? { window: page.next } : null };
    }
    const page = this.parts.datePager.page(snapshot, request.sort === 'newest', cursor?.after, request.limit);
    return { docs: page.docs, next: page.next ? { after: page.next } : null };
  }

  private toHits(request: SearchRequest, page: PageOfDocs): SearchHit[] {
    const hits: SearchHit[] = [];
    page.docs.forEach((doc, index) => {
      const id = this.selectId.get(doc) as string | undefined;
      if (id === undefined) return;
      const hit: SearchHit = { id };
      if (page.scores) hit.score = page.scores[index];
      const highlight = request.leaves.length > 0 ? this.parts.highlighter.highlight(request.leaves, doc) : undefined;
      if (highlight !== undefined) hit.highlight = highlight;
      hits.push(hit);
    });
    return hits;
  }
}
