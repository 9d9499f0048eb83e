import { createHash } from 'node:crypto';
import type { estypes } from '@elastic/elasticsearch';
import { SearchQueryError, type SearchFilters, type SearchQuery, type SearchSort } from '@verbatim/core';
import { parseQuery } from '../query/parse-query';
import { listPositiveLeaves } from '../query/query-ast';
import { hasIndexableCharacter } from '../text/fold-text';
import { buildFacetAggregations } from './facets';
import { translateFilters } from './filters';
import { buildHighlightRequest } from './highlights';
import { buildSort } from './sort';
import { translateQuery } from './query-translation';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/** A validated search, translated: everything but the point in time and where the page starts. */
export interface PreparedSearch {
  query: estypes.QueryDslQueryContainer;
  sort: estypes.SortCombinations[];
  aggregations: Record<string, estypes.AggregationsAggregationContainer>;
  /** Absent when nothing can be marked (no query, or only exclusions). */
  highlight?: estypes.SearchHighlight;
  /** Relevance sort: scores are returned with the hits. */
  scored: boolean;
  limit: number;
  cursor: string | undefined;
  /** Identifies query, filters and sort, so a cursor cannot be replayed against another search. */
  queryHash: string;
}

/** Parses, validates and translates a query. Throws `SearchQueryError` for bad query text, filters or limit. */
export function prepareSearch(search: SearchQuery): PreparedSearch {
  const limit = search.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SearchQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  const text = search.q ?? '';
  const parsed = parseQuery(text);
  const markable = parsed ? listPositiveLeaves(parsed).some((leaf) => hasIndexableCharacter(leaf.text)) : false;
  const requestedSort = search.sort ?? (text.trim() ? 'relevance' : 'newest');
  // Relevance without a positive term has nothing to rank by and falls back to newest, as in the SQLite index.
  const sort: SearchSort = requestedSort === 'relevance' && !markable ? 'newest' : requestedSort;
  const textQuery = translateQuery(parsed);
  const filters = translateFilters(search.filters);
  return {
    query: { bool: { ...(textQuery ? { must: [textQuery] } : {}), filter: filters } },
    sort: buildSort(sort),
    aggregations: buildFacetAggregations(),
    highlight: markable ? buildHighlightRequest() : undefined,
    scored: sort === 'relevance',
    limit,
    cursor: search.cursor,
    queryHash: hashQuery(text, search.filters, requestedSort),
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
