import type { Platform } from '../account.schema';
import type { PolicyFlagKind } from '../moderation/policy-flags';
import type { RecordKind, RecordStatus } from '../record.schema';

/** What the index holds for one record. Derived from the catalog; the index can always be rebuilt from it. */
export interface SearchDocument {
  id: string;
  accountId: string;
  agencyId: string;
  platform: Platform;
  kind: RecordKind;
  status: RecordStatus;
  authorName: string;
  /** The record's current text. */
  text: string;
  /** Text of earlier versions that differs from the current one, so edited-away words are still found. */
  priorText: string;
  postedAt: string;
  hasAttachments: boolean;
  /**
   * Counts changes to the record's indexed state: 1 when created, one more at every change that re-queues it for
   * indexing. An index keeps the highest revision it has been given and ignores an older one, so a writer that
   * read a record before a change (another process's backlog flush, a rebuild's copy) cannot overwrite the newer
   * state someone else indexed first.
   */
  revision: number;
}

/** A document as confirmed indexed: which record, at which revision. */
export type IndexedRevision = Pick<SearchDocument, 'id' | 'revision'>;

export interface SearchFilters {
  agencyId?: string[];
  accountId?: string[];
  platform?: Platform[];
  kind?: RecordKind[];
  status?: RecordStatus[];
  /** Exact author names. */
  author?: string[];
  /** Inclusive ISO-8601 bounds on postedAt. */
  postedFrom?: string;
  postedTo?: string;
  hasAttachments?: boolean;
  /**
   * Policy flags (suggestions for moderators): records whose current text raises any of these. The index
   * computes them from the text when it stores a document (policyFlagKindsOf), so documents do not carry them.
   */
  flag?: PolicyFlagKind[];
}

export type SearchSort = 'relevance' | 'newest' | 'oldest';

export interface SearchQuery {
  /**
   * Query text: words (all must match), "exact phrases", prefix*, AND, OR, NOT (or a leading -), parentheses.
   * Empty or absent lists everything the filters match.
   */
  q?: string;
  filters?: SearchFilters;
  /** Defaults to relevance when `q` is given, newest otherwise. */
  sort?: SearchSort;
  /** 1..1000; default 20. */
  limit?: number;
  /** Opaque cursor from a previous result's `nextCursor`. */
  cursor?: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export type FacetName =
  'agencyId' | 'accountId' | 'platform' | 'kind' | 'status' | 'author' | 'hasAttachments' | 'flag';

export interface SearchHit {
  id: string;
  /** Higher is better; present for relevance sort. */
  score?: number;
  /** Snippet of the matching text with matches wrapped in <mark>…</mark>; other text HTML-escaped. */
  highlight?: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /**
   * Counts over every match of the query and filters (each facet ignores no filters). Author lists the top 20;
   * `flag` counts the matches raising each policy flag (a record with two flags counts in both; none in none).
   */
  facets: Record<FacetName, FacetCount[]>;
  nextCursor: string | null;
}

/**
 * Full-text search over archived records. Paging with `nextCursor` neither repeats nor skips a record while
 * ingest adds or changes documents between pages.
 */
export interface SearchIndex {
  /** Adds or replaces documents by id; a document older (lower revision) than the one held is ignored. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Runs a query. Throws `SearchQueryError` for query text it cannot parse or a cursor it does not recognise. */
  search(query: SearchQuery): Promise<SearchResult>;
  /** Number of documents indexed. */
  count(): Promise<number>;
  /**
   * Whether the index holds exactly these documents as given (the drift check compares the catalog's with
   * it): `missing`, `different` (stale), or `same`. Optional while not every adapter can read back what it holds.
   */
  verify?(documents: SearchDocument[]): Promise<Array<{ id: string; state: 'same' | 'different' | 'missing' }>>;
  /**
   * Why this index must be rebuilt to hold what this version indexes (it was written by an older version, e.g.
   * before policy flags were indexed), or null when it is current. A process with the index role queues a
   * reindex at start when it is not. Optional: an adapter without versions is always current.
   */
  outdated?(): Promise<string | null>;
  /** Removes every document (the start of a rebuild). */
  clear(): Promise<void>;
  /** Throws when the index cannot answer; used by /healthz and at start. */
  ping(): Promise<void>;
  /** Releases what the index opened (a handle or client lent by the caller stays open); closing twice is harmless. */
  close(): Promise<void>;
}

export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError';
}
