import { SearchQueryError } from '@verbatim/core';
import type { ElasticsearchSearchIndex } from './elasticsearch.search-index';
import { MockCluster, errorResponse, type RecordedRequest } from './mock-cluster.test-support';

/** A page of hits d<from>.. with date sort values, as a cluster answers within a point in time. */
function pageOf(ids: string[], pitId: string) {
  return {
    took: 2,
    timed_out: false,
    pit_id: pitId,
    hits: {
      total: { value: 12_345, relation: 'eq' },
      hits: ids.map((id, at) => ({
        _index: 'records-v1',
        _id: id,
        _score: null,
        sort: [1_710_000_000_000 - at, id, 40 + at],
      })),
    },
  };
}

describe('Elasticsearch cursor paging over a point in time', () => {
  let cluster: MockCluster;
  let index: ElasticsearchSearchIndex;
  let answerSearch: (request: RecordedRequest) => Record<string, unknown> | ReturnType<typeof errorResponse>;

  beforeEach(async () => {
    cluster = new MockCluster().answerStartup('records');
    cluster.on('POST', '/records/_pit', () => ({ id: 'pit-opened' }));
    cluster.on('POST', '/_search', (request) => answerSearch(request));
    cluster.on('DELETE', '/_pit', () => ({ succeeded: true, num_freed: 1 }));
    index = await cluster.open();
  });

  const searchBodies = () => cluster.requestsTo('POST', /^\/_search$/).map((request) => request.body);

  it('continues with search_after on the point in time the cluster last named, and closes it after the last page', async () => {
    answerSearch = () => pageOf(['d1', 'd2', 'd3'], 'pit-renewed');
    const first = await index.search({ sort: 'newest', limit: 2 });
    expect(first.hits.map((hit) => hit.id)).toEqual(['d1', 'd2']);
    expect(first.total).toBe(12_345);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(cluster.requestsTo('DELETE', /^\/_pit$/)).toEqual([]);

    answerSearch = () => pageOf(['d3'], 'pit-renewed');
    const second = await index.search({ sort: 'newest', limit: 2, cursor: first.nextCursor! });
    expect(second.hits.map((hit) => hit.id)).toEqual(['d3']);
    expect(second.nextCursor).toBeNull();

    const [, secondBody] = searchBodies();
    expect(secondBody.pit).toEqual({ id: 'pit-renewed', keep_alive: '5m' });
    expect(secondBody.search_after).toEqual([1_710_000_000_000 - 1, 'd2', 41]);
    expect(cluster.requestsTo('POST', /^\/records\/_pit$/)).toHaveLength(1);
    expect(cluster.requestsTo('DELETE', /^\/_pit$/).map((request) => request.body)).toEqual([{ id: 'pit-renewed' }]);
  });

  it('pages 600 pages deep (12,000 hits) with search_after alone, never from', async () => {
    let served = 0;
    answerSearch = (request) => {
      const ids = Array.from({ length: request.body.size }, (_, at) => `r${served + at}`);
      served += request.body.size - 1;
      return pageOf(ids, 'pit-opened');
    };
    let cursor: string | undefined;
    for (let page = 0; page < 600; page += 1) cursor = (await index.search({ limit: 20, cursor })).nextCursor!;
    const bodies = searchBodies();
    expect(bodies).toHaveLength(600);
    expect(bodies.every((body) => !('from' in body) && body.size === 21)).toBe(true);
    // The 600th request continues after hit 11,980 (r11979), the last of page 599.
    expect(bodies[599].search_after).toEqual([1_710_000_000_000 - 19, 'r11979', 59]);
    expect(cluster.requestsTo('POST', /^\/records\/_pit$/)).toHaveLength(1);
  });

  it('closes the point in time at once when the first page is the only one', async () => {
    answerSearch = () => pageOf(['d1'], 'pit-opened');
    expect((await index.search({ limit: 5 })).nextCursor).toBeNull();
    expect(cluster.requestsTo('DELETE', /^\/_pit$/).map((request) => request.body)).toEqual([{ id: 'pit-opened' }]);
  });

  it('refuses a cursor whose point in time expired with a SearchQueryError saying to start again', async () => {
    answerSearch = () => pageOf(['d1', 'd2'], 'pit-opened');
    const { nextCursor } = await index.search({ limit: 1 });
    answerSearch = () => errorResponse(404, 'search_context_missing_exception', 'No search context found for id [91]');
    const attempt = index.search({ limit: 1, cursor: nextCursor! });
    await expect(attempt).rejects.toBeInstanceOf(SearchQueryError);
    await expect(index.search({ limit: 1, cursor: nextCursor! })).rejects.toThrow(
      /expired.*run the search again from the first page/,
    );
  });

  it('refuses, without a request, a cursor for another search or one altered', async () => {
    answerSearch = () => pageOf(['d1', 'd2'], 'pit-opened');
    const { nextCursor } = await index.search({ q: 'budget', limit: 1 });
    cluster.requests.length = 0;
    await expect(index.search({ q: 'meeting', limit: 1, cursor: nextCursor! })).rejects.toThrow(/another search/);
    await expect(index.search({ q: 'budget', limit: 1, cursor: `${nextCursor}x` })).rejects.toThrow(
      /altered or truncated/,
    );
    await expect(index.search({ q: 'budget', limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      SearchQueryError,
    );
    expect(cluster.requests).toEqual([]);
  });

  it('refuses a cursor signed for another index', async () => {
    answerSearch = () => pageOf(['d1', 'd2'], 'pit-opened');
    const { nextCursor } = await index.search({ limit: 1 });
    const other = await new MockCluster().answerStartup('records').open({ cursorSecret: 'another-index' });
    await expect(other.search({ limit: 1, cursor: nextCursor! })).rejects.toThrow(/altered or truncated/);
  });
});
