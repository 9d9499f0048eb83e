import type { SearchDocument } from '@verbatim/core';
import { FIXTURE_DOCUMENTS } from '../conformance/fixture';
import { BulkIndexError, REVISION_VERSION_BASE } from './bulk-writer';
import type { ElasticsearchSearchIndex } from './elasticsearch.search-index';
import { MockCluster, errorResponse, type RecordedRequest } from './mock-cluster.test-support';

const documents = (count: number): SearchDocument[] => FIXTURE_DOCUMENTS.slice(0, count);

/** The ids a bulk request carried, from its ndjson action lines. */
const idsIn = (request: RecordedRequest): string[] =>
  (request.body as Array<Record<string, { _id?: string }>>).filter((line) => line.index).map((line) => line.index._id!);

const accepted = (request: RecordedRequest) => ({
  took: 3,
  errors: false,
  items: idsIn(request).map((id) => ({ index: { _index: 'records-v1', _id: id, status: 200, result: 'created' } })),
});

/** A bulk answer in which the documents with the given ids were refused with that status. */
function withItemErrors(request: RecordedRequest, refused: Record<string, [number, string]>) {
  return {
    took: 3,
    errors: true,
    items: idsIn(request).map((id) =>
      refused[id]
        ? {
            index: {
              _index: 'records-v1',
              _id: id,
              status: refused[id][0],
              error: { type: refused[id][1], reason: `refused ${id}` },
            },
          }
        : { index: { _index: 'records-v1', _id: id, status: 201, result: 'created' } },
    ),
  };
}

describe('Elasticsearch bulk indexing', () => {
  let cluster: MockCluster;
  let sleeps: number[];
  let answerBulk: (
    request: RecordedRequest,
    attempt: number,
  ) => Record<string, unknown> | ReturnType<typeof errorResponse>;

  beforeEach(() => {
    sleeps = [];
    cluster = new MockCluster().answerStartup('records');
    let attempt = 0;
    cluster.on('POST', '/records/_bulk', (request) => answerBulk(request, attempt++));
    cluster.on(['GET', 'POST'], '/records/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
  });

  const open = (
    overrides: {
      chunkSize?: number;
      maxConcurrentRequests?: number;
      maxRetries?: number;
      refresh?: 'wait_for' | 'immediate' | 'none';
    } = {},
  ) =>
    cluster.open({
      refresh: overrides.refresh,
      bulk: {
        chunkSize: overrides.chunkSize ?? 500,
        maxConcurrentRequests: overrides.maxConcurrentRequests ?? 2,
        maxRetries: overrides.maxRetries ?? 6,
        sleep: async (ms) => void sleeps.push(ms),
      },
    });
  const bulkRequests = () => cluster.requestsTo('POST', /^\/records\/_bulk$/);

  it('cuts documents into chunks of index actions with their sources, waiting for a refresh by default', async () => {
    answerBulk = accepted;
    const index = await open({ chunkSize: 2 });
    await index.upsert(documents(5));
    expect(bulkRequests().map(idsIn).sort()).toEqual([['d01', 'd02'], ['d03', 'd04'], ['d05']]);
    expect(bulkRequests().every((request) => request.querystring.refresh === 'wait_for')).toBe(true);
    const [first] = bulkRequests().filter((request) => idsIn(request)[0] === 'd01');
    expect(first.body[0]).toEqual({
      index: { _id: 'd01', version: REVISION_VERSION_BASE + 1, version_type: 'external_gte' },
    });
    const { revision, ...source } = FIXTURE_DOCUMENTS[0];
    // The policy flags are computed from the text at indexing time (none for this one).
    expect(first.body[1]).toEqual({ ...source, policyFlags: [] });
  });

  it('keeps at most maxConcurrentRequests bulk requests in flight', async () => {
    answerBulk = accepted;
    const index = await open({ chunkSize: 1, maxConcurrentRequests: 2 });
    const send = cluster.client.bulk.bind(cluster.client);
    let inFlight = 0;
    let mostInFlight = 0;
    cluster.client.bulk = (async (...args: Parameters<typeof send>) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        return await send(...args);
      } finally {
        inFlight -= 1;
      }
    }) as typeof cluster.client.bulk;
    await index.upsert(documents(7));
    expect(bulkRequests()).toHaveLength(7);
    expect(mostInFlight).toBe(2);
  });

  it('retries a whole request answered 429 after backing off', async () => {
    answerBulk = (request, attempt) =>
      attempt === 0
        ? errorResponse(429, 'es_rejected_execution_exception', 'rejected execution of bulk')
        : accepted(request);
    const index = await open();
    await index.upsert(documents(3));
    expect(bulkRequests().map(idsIn)).toEqual([
      ['d01', 'd02', 'd03'],
      ['d01', 'd02', 'd03'],
    ]);
    expect(sleeps).toEqual([250]);
  });

  it('retries only the items rejected with 429, backing off exponentially', async () => {
    answerBulk = (request, attempt) =>
      attempt < 2 ? withItemErrors(request, { d02: [429, 'es_rejected_execution_exception'] }) : accepted(request);
    const index = await open();
    await index.upsert(documents(3));
    expect(bulkRequests().map(idsIn)).toEqual([['d01', 'd02', 'd03'], ['d02'], ['d02']]);
    const { revision, ...source } = FIXTURE_DOCUMENTS[1];
    expect(bulkRequests()[1].body.slice(0, 2)).toEqual([
      { index: { _id: 'd02', version: REVISION_VERSION_BASE + revision, version_type: 'external_gte' } },
      { ...source, policyFlags: [] },
    ]);
    expect(sleeps).toEqual([250, 500]);
  });

  it('gives up after maxRetries and says how many documents were left', async () => {
    answerBulk = (request) => withItemErrors(request, { d01: [429, 'es_rejected_execution_exception'] });
    const index = await open({ maxRetries: 3 });
    await expect(index.upsert(documents(2))).rejects.toThrow(
      new BulkIndexError('Elasticsearch kept rejecting 1 documents as overloaded (429) after 4 attempts'),
    );
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('fails at once, naming the document, on an error that a retry cannot fix', async () => {
    answerBulk = (request) => withItemErrors(request, { d02: [400, 'document_parsing_exception'] });
    const index = await open();
    await expect(index.upsert(documents(3))).rejects.toThrow(
      /refused 1 documents: d02: document_parsing_exception refused d02/,
    );
    expect(bulkRequests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('sends the last version of a document given twice, and nothing for an empty upsert', async () => {
    answerBulk = accepted;
    const index: ElasticsearchSearchIndex = await open({ chunkSize: 1 });
    await index.upsert([]);
    expect(bulkRequests()).toEqual([]);
    await index.upsert([FIXTURE_DOCUMENTS[0], { ...FIXTURE_DOCUMENTS[0], text: 'second version' }]);
    expect(bulkRequests()).toHaveLength(1);
    expect(bulkRequests()[0].body[1].text).toBe('second version');
    await index.upsert([
      { ...FIXTURE_DOCUMENTS[0], text: 'newer', revision: 3 },
      { ...FIXTURE_DOCUMENTS[0], text: 'older', revision: 2 },
    ]);
    expect(bulkRequests()).toHaveLength(2);
    expect(bulkRequests()[1].body.slice(0, 2)).toEqual([
      { index: { _id: 'd01', version: REVISION_VERSION_BASE + 3, version_type: 'external_gte' } },
      expect.objectContaining({ text: 'newer' }),
    ]);
  });

  it('takes a refusal of an older revision (409 version conflict) as done, not as a failure', async () => {
    answerBulk = (request) => withItemErrors(request, { d02: [409, 'version_conflict_engine_exception'] });
    const index = await open();
    await index.upsert(documents(3));
    expect(bulkRequests()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('refreshes once after the upsert with refresh: immediate, and not at all with none', async () => {
    answerBulk = accepted;
    const immediate = await open({ chunkSize: 2, refresh: 'immediate' });
    await immediate.upsert(documents(4));
    expect(bulkRequests().every((request) => request.querystring.refresh === undefined)).toBe(true);
    expect(cluster.requests.filter((request) => request.path === '/records/_refresh')).toHaveLength(1);
    const none = await open({ refresh: 'none' });
    await none.upsert(documents(1));
    expect(cluster.requests.map((request) => request.path)).toEqual(['/records/_bulk']);
  });
});
