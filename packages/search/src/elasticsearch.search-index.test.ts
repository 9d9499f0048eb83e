import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { openElasticsearchSearchIndex } from './elasticsearch/elasticsearch.search-index';
import { runSearchIndexConformance, type SearchIndexFactory } from './search-index.conformance';

const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL;
const auth = process.env.ELASTICSEARCH_API_KEY ? { apiKey: process.env.ELASTICSEARCH_API_KEY } : undefined;

/**
 * Each index under test gets its own alias, template and versioned index, removed in cleanup, so runs can
 * share a cluster with each other and with a real installation.
 */
const elasticsearchFactory: SearchIndexFactory = {
  name: 'elasticsearch',
  async create() {
    const alias = `verbatim-conformance-${randomBytes(6).toString('hex')}`;
    const index = await openElasticsearchSearchIndex({ node: ELASTICSEARCH_URL, auth, index: alias });
    return {
      index,
      async cleanup() {
        await index.close();
        const admin = new Client({ node: ELASTICSEARCH_URL!, ...(auth ? { auth } : {}) });
        try {
          // By name: clusters refuse wildcard deletes by default (action.destructive_requires_name).
          const indices = Object.keys(await admin.indices.getAlias({ name: alias }));
          await admin.indices.delete({ index: indices });
          await admin.indices.deleteIndexTemplate({ name: `${alias}-template` });
        } finally {
          await admin.close();
        }
      },
    };
  },
};

if (!ELASTICSEARCH_URL) {
  console.warn('Elasticsearch conformance skipped: set ELASTICSEARCH_URL to run it against a real cluster');
}

(ELASTICSEARCH_URL ? describe : describe.skip)('SearchIndex conformance: elasticsearch', () => {
  runSearchIndexConformance(elasticsearchFactory);
});
