import { MockCluster } from './mock-cluster.test-support';

const bucket = (key: string | number, doc_count: number, key_as_string?: string) => ({
  key,
  doc_count,
  ...(key_as_string ? { key_as_string } : {}),
});

/** What a cluster answers for `budget` with highlights and facets (trimmed to the fields the adapter reads). */
const CANNED = {
  took: 4,
  timed_out: false,
  pit_id: 'pit-1',
  _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
  hits: {
    total: { value: 3, relation: 'eq' },
    max_score: 2.5,
    hits: [
      {
        _index: 'records-v1',
        _id: 'd14',
        _score: 2.5,
        sort: [2.5, 1709805600000, 'd14', 7],
        highlight: { text: ["<script>alert('xss')</script> buy cheap \uE000budget\uE001 watches & more"] },
      },
      {
        _index: 'records-v1',
        _id: 'd21',
        _score: 1.25,
        sort: [1.25, 1710158400000, 'd21', 3],
        highlight: {
          text: ['\uE000Budget\uE001 draft posted for public comment'],
          priorText: ['\uE000Budget\uE001 \uE000proposal\uE001 posted'],
        },
      },
      {
        _index: 'records-v1',
        _id: 'd06',
        _score: 0.5,
        sort: [0.5, 1709514000000, 'd06', 1],
        highlight: { text: ['市議会の\uE000会\uE001\uE000議\uE001は明日'] },
      },
    ],
  },
  aggregations: {
    agencyId: { buckets: [bucket('agy_clerk', 2), bucket('agy_parks', 1)] },
    accountId: { buckets: [bucket('acc_clerk_fb', 3)] },
    platform: { buckets: [bucket('facebook', 3)] },
    kind: { buckets: [bucket('post', 2), bucket('comment', 1)] },
    status: { buckets: [bucket('live', 2), bucket('edited', 1)] },
    author: { buckets: [bucket('Town Clerk', 2), bucket('Spam Bot', 1)] },
    hasAttachments: { buckets: [bucket(0, 2, 'false'), bucket(1, 1, 'true')] },
    flag: { buckets: [bucket('spam', 1)] },
  },
};

describe("Elasticsearch response read as the port's SearchResult", () => {
  it('maps hits, scores, highlights and aggregations', async () => {
    const cluster = new MockCluster().answerStartup('records');
    cluster.on('POST', '/records/_pit', () => ({ id: 'pit-1' }));
    cluster.on('POST', '/_search', () => CANNED);
    cluster.on('DELETE', '/_pit', () => ({ succeeded: true, num_freed: 1 }));
    const index = await cluster.open();

    const result = await index.search({ q: 'budget OR proposal OR 会議', limit: 3 });

    expect(result).toEqual({
      total: 3,
      nextCursor: null,
      hits: [
        {
          id: 'd14',
          score: 2.5,
          highlight:
            '&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; buy cheap <mark>budget</mark> watches &amp; more',
        },
        // priorText marks two distinct words, the current text one: the snippet comes from where more matched.
        { id: 'd21', score: 1.25, highlight: '<mark>Budget</mark> <mark>proposal</mark> posted' },
        { id: 'd06', score: 0.5, highlight: '市議会の<mark>会議</mark>は明日' },
      ],
      facets: {
        agencyId: [
          { value: 'agy_clerk', count: 2 },
          { value: 'agy_parks', count: 1 },
        ],
        accountId: [{ value: 'acc_clerk_fb', count: 3 }],
        platform: [{ value: 'facebook', count: 3 }],
        kind: [
          { value: 'post', count: 2 },
          { value: 'comment', count: 1 },
        ],
        status: [
          { value: 'live', count: 2 },
          { value: 'edited', count: 1 },
        ],
        author: [
          { value: 'Town Clerk', count: 2 },
          { value: 'Spam Bot', count: 1 },
        ],
        hasAttachments: [
          { value: 'false', count: 2 },
          { value: 'true', count: 1 },
        ],
        flag: [{ value: 'spam', count: 1 }],
      },
    });
  });

  it('leaves scores out of date-sorted hits and answers empty facets for an empty index', async () => {
    const cluster = new MockCluster().answerStartup('records');
    cluster.on('POST', '/records/_pit', () => ({ id: 'pit-1' }));
    cluster.on('POST', '/_search', () => ({
      took: 1,
      timed_out: false,
      hits: {
        total: { value: 1, relation: 'eq' },
        hits: [{ _index: 'records-v1', _id: 'd01', _score: null, sort: [1, 'd01', 0] }],
      },
      aggregations: {},
    }));
    cluster.on('DELETE', '/_pit', () => ({ succeeded: true, num_freed: 1 }));
    const index = await cluster.open();
    const result = await index.search({ sort: 'newest' });
    expect(result.hits).toEqual([{ id: 'd01' }]);
    expect(result.facets).toEqual({
      agencyId: [],
      accountId: [],
      platform: [],
      kind: [],
      status: [],
      author: [],
      hasAttachments: [],
      flag: [],
    });
  });
});
