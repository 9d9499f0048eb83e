import type { estypes } from '@elastic/elasticsearch';
import type { SearchSort } from '@verbatim/core';

/**
 * The sort of each order, ending in fields that make it total (`search_after` needs that to neither repeat
 * nor skip): relevance breaks score ties newest first, dates break ties by id. Within a point in time
 * Elasticsearch also appends its own `_shard_doc` tiebreaker; the cursor carries whatever values it returns.
 */
export function buildSort(sort: SearchSort): estypes.SortCombinations[] {
  switch (sort) {
    case 'relevance':
      return [{ _score: { order: 'desc' } }, { postedAt: { order: 'desc' } }, { id: { order: 'desc' } }];
    case 'newest':
      return [{ postedAt: { order: 'desc' } }, { id: { order: 'desc' } }];
    case 'oldest':
      return [{ postedAt: { order: 'asc' } }, { id: { order: 'asc' } }];
  }
}
