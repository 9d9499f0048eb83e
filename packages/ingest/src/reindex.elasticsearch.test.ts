import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog } from '@verbatim/catalog';
import type { Catalog, SearchDocument } from '@verbatim/core';
import { openElasticsearchWithGenerations } from '@verbatim/search';
import { MockCluster, type RecordedRequest } from '@verbatim/search/testing';
import { makeItem, makePage } from '@verbatim/catalog/testing';
import { reindex } from './reindex';

/** The ids a bulk request carried, from its ndjson action lines. */
const idsIn = (request: RecordedRequest): string[] =>
  (request.body as Array<Record<string, { _id?: string }>>).filter((line) => line.index).map((line) => line.index._id!);

/** A cluster whose alias `records` points at `records-v1`, answering what a reindex asks; `rebuilding` is an index already marked. */
function cluster(rebuilding?: { name: string; copiedThrough: string }): MockCluster {
  const mock = new MockCluster().answerStartup('records');
  mock.on('GET', '/:index/_mapping', () => ({
    'records-v1': { mappings: {} },
    ...(rebuilding
      ? {
          [rebuilding.name]: { mappings: { _meta: { verbatim_rebuild: { copiedThrough: rebuilding.copiedThrough } } } },
        }
      : {}),
  }));
  mock.on('GET', '/_alias/:name', () => ({ 'records-v1': { aliases: { records: { is_write_index: true } } } }));
  mock.on('PUT', '/:index/_mapping', () => ({ acknowledged: true }));
  mock.on('POST', '/:index/_bulk', (request) => ({
    took: 1,
    errors: false,
    items: idsIn(request).map((id) => ({ index: { _id: id, status: 201, result: 'created' } })),
  }));
  mock.on(['POST', 'GET'], '/:index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
  mock.on('POST', '/_aliases', () => ({ acknowledged: true }));
  mock.on('DELETE', '/:index', () => ({ acknowledged: true }));
  return mock;
}

describe('reindex on Elasticsearch: a new index behind the alias, switched atomically', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-es-reindex-'));
  let catalog: Catalog;
  let documents: SearchDocument[];

  beforeAll(async () => {
    catalog = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') }).catalog;
    const agency = await catalog.createAgency({ name: 'Parks', kind: 'department' });
    const account = await catalog.createAccount({
      agencyId: agency.id,
      platform: 'facebook',
      handle: 'parks',
      status: 'active',
      connector: { type: 'mock', seed: 1, posts: 1, maxCommentsPerPost: 1 },
      syncIntervalMinutes: 60,
      administrators: [],
      moderators: [],
    });
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        Array.from({ length: 7 }, (_, index) => makeItem(`es-${index}`)),
      ),
    );
    documents = await catalog.listSearchDocuments(null, 100);
  });
  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills a marked index with the catalog, writes new documents to both meanwhile, then swaps the alias and drops the old index', async () => {
    const mock = cluster();
    const { live, generations } = await openElasticsearchWithGenerations({ client: mock.client, index: 'records' });
    mock.requests.length = 0;
    const { index: next } = await generations.openNext();
    const created = mock.requestsTo('PUT', /^\/records-v2-\d+$/);
    expect(created).toHaveLength(1);
    const nextName = created[0].path.slice(1);
    // Every _meta written carries the document format: a later start then knows the index holds policy flags.
    expect(created[0].body.mappings._meta).toEqual({ document_format: 2, verbatim_rebuild: { copiedThrough: null } });
    expect(next).toBeDefined();

    await live.upsert([documents[0]]);
    expect(
      mock
        .requestsTo('POST', /_bulk$/)
        .map((request) => request.path)
        .sort(),
    ).toEqual([`/${nextName}/_bulk`, '/records/_bulk']);

    const progress = await reindex({ catalog, generations }, { batchSize: 3 });
    expect(progress).toEqual({ copied: 7, total: 7, resumed: false });
    const copied = mock
      .requestsTo('POST', new RegExp(`^/${nextName}/_bulk$`))
      .slice(1)
      .flatMap(idsIn);
    expect(copied).toEqual(documents.map((document) => document.id));
    const saved = mock.requestsTo('PUT', new RegExp(`^/${nextName}/_mapping$`)).map((request) => request.body._meta);
    expect(saved).toEqual([
      { document_format: 2, verbatim_rebuild: { copiedThrough: documents[2].id } },
      { document_format: 2, verbatim_rebuild: { copiedThrough: documents[5].id } },
      { document_format: 2, verbatim_rebuild: { copiedThrough: documents[6].id } },
      { document_format: 2 },
    ]);
    const [switched] = mock.requestsTo('POST', /^\/_aliases$/);
    expect(switched.body.actions).toEqual([
      { remove: { index: 'records-v1', alias: 'records' } },
      { add: { index: nextName, alias: 'records', is_write_index: true } },
    ]);
    expect(mock.requestsTo('DELETE', /^\/records-v1$/)).toHaveLength(1);
    // The switch comes before the old index goes, so searches through the alias never find it missing.
    const order = mock.requests.map((request) => `${request.method} ${request.path}`);
    expect(order.indexOf('POST /_aliases')).toBeLessThan(order.indexOf('DELETE /records-v1'));

    mock.requests.length = 0;
    await live.upsert([documents[1]]);
    expect(mock.requestsTo('POST', /_bulk$/).map((request) => request.path)).toEqual(['/records/_bulk']);
    await live.close();
  });

  it('resumes a rebuild another process left half done, from the progress in its mapping', async () => {
    const mock = cluster({ name: 'records-v1-1700000000000', copiedThrough: documents[3].id });
    const { live, generations } = await openElasticsearchWithGenerations({ client: mock.client, index: 'records' });
    mock.requests.length = 0;
    const progress = await reindex({ catalog, generations });
    expect(progress).toEqual({ copied: 3, total: 7, resumed: true });
    expect(mock.requestsTo('PUT', /^\/records-v\d+-\d+$/)).toHaveLength(0);
    expect(mock.requestsTo('POST', /^\/records-v1-1700000000000\/_bulk$/).flatMap(idsIn)).toEqual(
      documents.slice(4).map((document) => document.id),
    );
    await live.close();
  });

  it('tells the drift check which documents the index holds as given, holds differently, or lacks', async () => {
    const mock = cluster();
    const [same, changed, lacking] = documents;
    mock.on(['GET', 'POST'], '/:index/_mget', () => ({
      docs: [
        { _id: same.id, found: true, _source: same },
        { _id: changed.id, found: true, _source: { ...changed, status: 'deleted' } },
        { _id: lacking.id, found: false },
      ],
    }));
    const { live } = await openElasticsearchWithGenerations({ client: mock.client, index: 'records' });
    expect(await live.verify([same, changed, lacking])).toEqual([
      { id: same.id, state: 'same' },
      { id: changed.id, state: 'different' },
      { id: lacking.id, state: 'missing' },
    ]);
    expect(
      mock.requestsTo('POST', /^\/records\/_mget$/).concat(mock.requestsTo('GET', /^\/records\/_mget$/))[0].body,
    ).toEqual({ ids: [same.id, changed.id, lacking.id] });
    await live.close();
  });

  it('has every other process write to a rebuild it finds, so nothing it changes meanwhile is stale in it', async () => {
    const mock = cluster({ name: 'records-v1-1700000000001', copiedThrough: documents[2].id });
    const { live } = await openElasticsearchWithGenerations({
      client: mock.client,
      index: 'records',
      followIntervalMs: 50,
    });
    mock.requests.length = 0;
    await live.upsert([documents[0]]);
    expect(
      mock
        .requestsTo('POST', /_bulk$/)
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/records-v1-1700000000001/_bulk', '/records/_bulk']);
    await live.close();
  });
});
