import { SearchQueryError, type SearchQuery } from '@verbatim/core';
import type { ElasticsearchSearchIndex } from './elasticsearch.search-index';
import { MockCluster, type RecordedRequest } from './mock-cluster.test-support';
import { TEXT_FIELDS } from './query-translation';

const EMPTY_RESPONSE = {
  took: 1,
  timed_out: false,
  pit_id: 'pit-1',
  hits: { total: { value: 0, relation: 'eq' }, hits: [] },
};

const phrase = (query: string) => ({ multi_match: { query, type: 'phrase', fields: TEXT_FIELDS } });

describe('Elasticsearch query DSL sent for each kind of search', () => {
  let cluster: MockCluster;
  let index: ElasticsearchSearchIndex;

  beforeEach(async () => {
    cluster = new MockCluster().answerStartup('records');
    cluster.on('POST', '/records/_pit', () => ({ id: 'pit-1' }));
    cluster.on('POST', '/_search', () => EMPTY_RESPONSE);
    cluster.on('DELETE', '/_pit', () => ({ succeeded: true, num_freed: 1 }));
    index = await cluster.open();
  });

  /** Runs a search and returns the body of the _search request it sent. */
  async function sentBody(query: SearchQuery): Promise<RecordedRequest['body']> {
    await index.search(query);
    const searches = cluster.requestsTo('POST', /^\/_search$/);
    return searches[searches.length - 1].body;
  }

  const textQuery = async (q: string) => (await sentBody({ q })).query.bool.must?.[0];

  it('reads a first page from a new point in time, one hit more than asked, never with from', async () => {
    const body = await sentBody({ q: 'budget', limit: 25 });
    expect(cluster.requestsTo('POST', /^\/records\/_pit$/)[0].querystring).toEqual({ keep_alive: '5m' });
    expect(body.pit).toEqual({ id: 'pit-1', keep_alive: '5m' });
    expect(body.size).toBe(26);
    expect(body.track_total_hits).toBe(true);
    expect(body._source).toBe(false);
    expect(body).not.toHaveProperty('from');
    expect(body).not.toHaveProperty('search_after');
  });

  it('sends words and quoted phrases as phrases over the weighted text fields', async () => {
    expect(TEXT_FIELDS).toEqual(['text^3', 'authorName^2', 'priorText']);
    expect(await textQuery('"budget meeting"')).toEqual(phrase('budget meeting'));
    // The analyzer splits it into adjacent tokens; nothing is read as Elasticsearch syntax.
    expect(await textQuery('clerk@town.example.gov')).toEqual(phrase('clerk@town.example.gov'));
    expect(await textQuery('title:draft^2')).toEqual(phrase('title:draft^2'));
  });

  it('sends a one-word prefix as bool_prefix and a longer one as phrase_prefix', async () => {
    expect(await textQuery('park*')).toEqual({
      multi_match: { query: 'park', type: 'bool_prefix', fields: TEXT_FIELDS },
    });
    expect(await textQuery('Café*')).toEqual({
      multi_match: { query: 'Café', type: 'bool_prefix', fields: TEXT_FIELDS },
    });
    expect(await textQuery('town.exa*')).toEqual({
      multi_match: { query: 'town.exa', type: 'phrase_prefix', fields: TEXT_FIELDS, max_expansions: 1000 },
    });
  });

  it('sends AND, OR, NOT and brackets as bool must, should and must_not', async () => {
    expect(await textQuery('(snow OR rain) closure -draft')).toEqual({
      bool: {
        must: [{ bool: { should: [phrase('snow'), phrase('rain')], minimum_should_match: 1 } }, phrase('closure')],
        must_not: [phrase('draft')],
      },
    });
    expect(await textQuery('budget OR NOT draft')).toEqual({
      bool: { should: [phrase('budget'), { bool: { must_not: [phrase('draft')] } }], minimum_should_match: 1 },
    });
  });

  it('sends a purely negative query as must_not alone, sorted newest first and without highlights', async () => {
    const body = await sentBody({ q: '-budget' });
    expect(body.query.bool.must).toEqual([{ bool: { must_not: [phrase('budget')] } }]);
    expect(body.sort).toEqual([{ postedAt: { order: 'desc' } }, { id: { order: 'desc' } }]);
    expect(body).not.toHaveProperty('highlight');
  });

  it('drops terms with nothing searchable, and matches nothing when only those remain', async () => {
    expect(await textQuery('parade 🎉')).toEqual(phrase('parade'));
    expect(await textQuery('🎉')).toEqual({ match_none: {} });
  });

  it('puts every filter in filter context, a date-only upper bound covering its whole day', async () => {
    const body = await sentBody({
      filters: {
        agencyId: ['agy_clerk'],
        accountId: ['acc_a', 'acc_b'],
        platform: ['facebook'],
        kind: ['comment', 'reply'],
        status: ['hidden'],
        author: ['Sam Lee'],
        hasAttachments: false,
        flag: ['spam', 'threat'],
        postedFrom: '2024-03-04',
        postedTo: '2024-03-05',
      },
    });
    expect(body.query).toEqual({
      bool: {
        filter: [
          { terms: { agencyId: ['agy_clerk'] } },
          { terms: { accountId: ['acc_a', 'acc_b'] } },
          { terms: { platform: ['facebook'] } },
          { terms: { kind: ['comment', 'reply'] } },
          { terms: { status: ['hidden'] } },
          { terms: { 'authorName.keyword': ['Sam Lee'] } },
          { terms: { policyFlags: ['spam', 'threat'] } },
          { term: { hasAttachments: false } },
          { range: { postedAt: { gte: '2024-03-04T00:00:00.000Z', lte: '2024-03-05T23:59:59.999Z' } } },
        ],
      },
    });
    expect((await sentBody({ filters: { postedTo: '2024-03-05T10:00:00Z', agencyId: [] } })).query.bool.filter).toEqual(
      [{ range: { postedAt: { lte: '2024-03-05T10:00:00.000Z' } } }],
    );
  });

  it('refuses unreadable dates, unknown enum values and bad limits before asking the cluster', async () => {
    await expect(index.search({ filters: { postedFrom: 'last tuesday' } })).rejects.toThrow(
      /postedFrom "last tuesday"/,
    );
    await expect(index.search({ filters: { platform: ['friendster' as never] } })).rejects.toBeInstanceOf(
      SearchQueryError,
    );
    await expect(index.search({ filters: { flag: ['rude' as never] } })).rejects.toThrow(
      /unknown flag "rude": expected one of personal-information, spam/,
    );
    await expect(index.search({ limit: 1001 })).rejects.toBeInstanceOf(SearchQueryError);
    await expect(index.search({ q: 'budget AND' })).rejects.toThrow(/position/);
    expect(cluster.requests).toEqual([]);
  });

  it('asks for each facet as a terms aggregation ordered by count then value', async () => {
    const { aggregations } = await sentBody({});
    expect(Object.keys(aggregations)).toEqual([
      'agencyId',
      'accountId',
      'platform',
      'kind',
      'status',
      'author',
      'hasAttachments',
      'flag',
    ]);
    expect(aggregations.flag).toEqual({
      terms: { field: 'policyFlags', size: 10, shard_size: 200, order: [{ _count: 'desc' }, { _key: 'asc' }] },
    });
    const order = [{ _count: 'desc' }, { _key: 'asc' }];
    expect(aggregations.author).toEqual({ terms: { field: 'authorName.keyword', size: 20, shard_size: 200, order } });
    expect(aggregations.agencyId).toEqual({ terms: { field: 'agencyId', size: 5000, shard_size: 5000, order } });
    expect(aggregations.hasAttachments).toEqual({
      terms: { field: 'hasAttachments', size: 2, shard_size: 200, order },
    });
  });

  it('asks for one marked passage per text field', async () => {
    const { highlight } = await sentBody({ q: 'budget' });
    expect(highlight).toEqual({
      type: 'unified',
      pre_tags: ['\uE000'],
      post_tags: ['\uE001'],
      number_of_fragments: 1,
      fragment_size: 160,
      require_field_match: true,
      max_analyzed_offset: 999_999,
      fields: { text: {}, priorText: {}, authorName: {} },
    });
  });

  it('sorts by score, newest and oldest, each ending in a tiebreaker', async () => {
    expect((await sentBody({ q: 'budget' })).sort).toEqual([
      { _score: { order: 'desc' } },
      { postedAt: { order: 'desc' } },
      { id: { order: 'desc' } },
    ]);
    expect((await sentBody({ q: 'budget', sort: 'newest' })).sort).toEqual([
      { postedAt: { order: 'desc' } },
      { id: { order: 'desc' } },
    ]);
    expect((await sentBody({ sort: 'oldest' })).sort).toEqual([
      { postedAt: { order: 'asc' } },
      { id: { order: 'asc' } },
    ]);
  });
});
