import type { FacetName, SearchFilters, SearchIndex, SearchQuery, SearchResult } from '@verbatim/core';

const FACET_FILTERS: readonly (FacetName & keyof SearchFilters)[] = [
  'agencyId',
  'accountId',
  'platform',
  'kind',
  'status',
  'author',
  'hasAttachments',
  'flag',
];

/**
 * Runs a search, then gives each filter in use the counts it would have without itself: ticking "deleted" must
 * not turn the other statuses' counts into zeros, or the counts stop telling what picking another option gives.
 * One extra one-hit search per filter in use; the index counts facets in a single pass, so this stays cheap.
 */
export async function searchWithFacets(index: SearchIndex, query: SearchQuery): Promise<SearchResult> {
  const filters = query.filters ?? {};
  const inUse = FACET_FILTERS.filter((name) => filters[name] !== undefined);
  const [result, own] = await Promise.all([
    index.search(query),
    Promise.all(
      inUse.map(async (name) => {
        const others: SearchFilters = { ...filters };
        delete others[name];
        const { facets } = await index.search({ q: query.q, filters: others, sort: 'newest', limit: 1 });
        return [name, facets[name]] as const;
      }),
    ),
  ]);
  return { ...result, facets: { ...result.facets, ...Object.fromEntries(own) } };
}
