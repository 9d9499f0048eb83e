import type { SearchIndex } from '@verbatim/core';
import type { ProcessMetrics } from './process-metrics';

/** The search index with every search's latency observed; everything else passes through untouched. */
export function timeSearches(searchIndex: SearchIndex, metrics: ProcessMetrics): SearchIndex {
  return new Proxy(searchIndex, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== 'search' || typeof value !== 'function') {
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      }
      return async (...args: Parameters<SearchIndex['search']>) => {
        const started = process.hrtime.bigint();
        try {
          return await (value as SearchIndex['search']).apply(target, args);
        } finally {
          metrics.observeSearch(Number(process.hrtime.bigint() - started) / 1e9);
        }
      };
    },
  });
}
