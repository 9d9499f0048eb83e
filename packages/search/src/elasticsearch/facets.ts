import type { estypes } from '@elastic/elasticsearch';
import type { FacetCount, FacetName } from '@verbatim/core';

/** Buckets per facet. The port asks for every value; a town's agencies and accounts stay far below this. */
const ALL_VALUES = 5000;
/** The port lists the top 20 authors. */
const TOP_AUTHORS = 20;

const FACET_FIELDS: Record<FacetName, { field: string; size: number }> = {
  agencyId: { field: 'agencyId', size: ALL_VALUES },
  accountId: { field: 'accountId', size: ALL_VALUES },
  platform: { field: 'platform', size: ALL_VALUES },
  kind: { field: 'kind', size: ALL_VALUES },
  status: { field: 'status', size: ALL_VALUES },
  author: { field: 'authorName.keyword', size: TOP_AUTHORS },
  hasAttachments: { field: 'hasAttachments', size: 2 },
  flag: { field: 'policyFlags', size: 10 },
};

const FACET_NAMES = Object.keys(FACET_FIELDS) as FacetName[];

/**
 * One terms aggregation per facet over every match (aggregations see the query and all its filters). Ordered
 * by count, then value, as the SQLite index orders them. `shard_size` keeps the top authors exact on an index
 * split into several shards for all but pathological distributions.
 */
export function buildFacetAggregations(): Record<FacetName, estypes.AggregationsAggregationContainer> {
  const aggregations = {} as Record<FacetName, estypes.AggregationsAggregationContainer>;
  for (const name of FACET_NAMES) {
    const { field, size } = FACET_FIELDS[name];
    aggregations[name] = {
      terms: { field, size, shard_size: Math.max(size, 200), order: [{ _count: 'desc' }, { _key: 'asc' }] },
    };
  }
  return aggregations;
}

interface TermsBucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
}

/** The aggregations of a response as the port's facets. Booleans come back keyed 1/0 with `true`/`false` as strings. */
export function readFacets(aggregations: Record<string, unknown> | undefined): Record<FacetName, FacetCount[]> {
  const facets = {} as Record<FacetName, FacetCount[]>;
  for (const name of FACET_NAMES) {
    const buckets = (aggregations?.[name] as { buckets?: TermsBucket[] } | undefined)?.buckets ?? [];
    facets[name] = buckets.map((bucket) => ({
      value: bucket.key_as_string ?? String(bucket.key),
      count: bucket.doc_count,
    }));
  }
  return facets;
}
