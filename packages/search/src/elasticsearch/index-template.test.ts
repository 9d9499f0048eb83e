import { FIXTURE_DOCUMENTS } from '../conformance/fixture';
import { openElasticsearchSearchIndex } from './elasticsearch.search-index';
import { buildIndexTemplateRequest } from './index-template';
import { MockCluster, errorResponse } from './mock-cluster.test-support';

const start = (cluster: MockCluster) => openElasticsearchSearchIndex({ client: cluster.client, index: 'records' });

describe('Elasticsearch index template and start-up', () => {
  it('installs the template from index-template/, scoped to the alias, then creates the versioned index behind it', async () => {
    const cluster = new MockCluster().answerStartup('records', { aliasExists: false });
    await start(cluster);
    const [templatePut] = cluster.requestsTo('PUT', /^\/_index_template\//);
    expect(templatePut.path).toBe('/_index_template/records-template');
    expect(templatePut.body.index_patterns).toEqual(['records-v*']);
    expect(templatePut.body.priority).toBe(200);
    expect(templatePut.body._meta).toMatchObject({ schema_version: 2, alias: 'records' });
    const { mappings, settings } = templatePut.body.template;
    expect(mappings.dynamic).toBe('strict');
    expect(mappings.properties.authorName).toEqual({
      type: 'text',
      analyzer: 'verbatim_text',
      fields: { keyword: { type: 'keyword', ignore_above: 256 } },
    });
    expect(mappings.properties.postedAt).toEqual({ type: 'date' });
    expect(mappings.properties.threadRootId).toEqual({ type: 'keyword' });
    expect(mappings.properties.policyFlags).toEqual({ type: 'keyword' });
    expect(mappings._meta).toEqual({ document_format: 2 });
    expect(settings.analysis.analyzer.verbatim_text).toEqual({
      type: 'custom',
      char_filter: ['verbatim_drop_marks'],
      tokenizer: 'verbatim_words',
      filter: ['lowercase', 'asciifolding'],
    });
    const [create] = cluster.requestsTo('PUT', /^\/records-v2$/);
    expect(create.body).toEqual({ aliases: { records: { is_write_index: true } } });
    expect(cluster.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'PUT /_index_template/records-template',
      'HEAD /_alias/records',
      'PUT /records-v2',
      'GET /records/_settings/index.uuid',
    ]);
  });

  it('creates no index for an existing alias (a reindex may have pointed it at a later version), only adds new fields to it', async () => {
    const cluster = new MockCluster().answerStartup('records', { aliasExists: true });
    await start(cluster);
    expect(cluster.requestsTo('PUT', /^\/records-v/)).toEqual([]);
    expect(cluster.requestsTo('PUT', /^\/_index_template\/records-template$/)).toHaveLength(1);
    // An index created before policy flags accepts documents carrying them (its mapping is strict) until a reindex.
    const [fields] = cluster.requestsTo('PUT', /^\/records\/_mapping$/);
    expect(fields.body.properties.policyFlags).toEqual({ type: 'keyword' });
    expect(fields.body._meta).toBeUndefined();
  });

  it('says an index created before policy flags is outdated, and one created with them is not', async () => {
    const cluster = new MockCluster().answerStartup('records', { aliasExists: true });
    const held: { meta?: Record<string, unknown> } = {};
    cluster.on('GET', '/:index/_mapping', () => ({
      'records-v1': { mappings: held.meta ? { _meta: held.meta } : {} },
    }));
    const index = await start(cluster);
    expect(await index.outdated()).toMatch(/before policy flags were indexed .*a reindex adds them/);
    held.meta = { document_format: 2 };
    expect(await index.outdated()).toBeNull();
  });

  it('takes an index another process created at the same moment', async () => {
    const cluster = new MockCluster();
    cluster.on('PUT', '/records-v2', () =>
      errorResponse(400, 'resource_already_exists_exception', 'index [records-v2] already exists'),
    );
    cluster.answerStartup('records', { aliasExists: false });
    await expect(start(cluster)).resolves.toBeDefined();
  });

  it('stops the start when the template is refused', async () => {
    const cluster = new MockCluster();
    cluster.on('PUT', '/_index_template/:name', () =>
      errorResponse(403, 'security_exception', 'action [indices:admin/index_template/put] is unauthorized'),
    );
    await expect(start(cluster)).rejects.toThrow(/security_exception/);
  });

  it('maps every field of a search document but its revision (the external version), so the strict mapping accepts them', () => {
    const { template } = buildIndexTemplateRequest('verbatim-records');
    const mapped = Object.keys(template!.mappings!.properties ?? {});
    const { revision, ...source } = FIXTURE_DOCUMENTS[0];
    expect(mapped).toEqual(expect.arrayContaining(Object.keys(source)));
    expect(mapped).not.toContain('revision');
  });
});
