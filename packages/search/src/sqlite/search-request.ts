import { createHash } from 'node:crypto';
import { SearchQueryError, type SearchFilters, type SearchQuery, type SearchSort } from '@verbatim/core';
import { parseQuery } from '../query/parse-query';
import { planMatch, positiveLeaves, type MatchLeaf, type MatchNode } from './fts-match';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/** A validated search: everything that does not need the database. */
export interface SearchRequest {
  plan: MatchNode | null;
  leaves: MatchLeaf[];
  /** Relevance without a positive term has nothing to rank by and falls back to newest. */
  sort: SearchSort;
  limit: number;
  filters: SearchFilters | undefined;
  cursor: string | undefined;
  /** Identifies query, filters and sort, so a cursor cannot be replayed against another search. */
  queryHash: string;
}

/** Parses and validates a query. Throws `SearchQueryError` for bad query text or limit. */
export function prepareSearchRequest(query: SearchQuery): SearchRequest {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SearchQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  const text = query.q ?? '';
  const plan = planMatch(parseQuery(text));
  const leaves = positiveLeaves(plan);
  const requestedSort = query.sort ?? (text.trim() ? 'relevance' : 'newest');
  return {
    plan,
    leaves,
    sort: requestedSort === 'relevance' && leaves.length === 0 ? 'newest' : requestedSort,
    limit,
    filters: query.filters,
    cursor: query.cursor,
    queryHash: hashQuery(text, query.filters, requestedSort),
  };
}

function hashQuery(text: string, filters: SearchFilters | undefined, sort: SearchSort): string {
  const entries = Object.entries(filters ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256')
    .update(JSON.stringify([text, entries, sort]))
    .digest('base64url')
    .slice(0, 16);
}
