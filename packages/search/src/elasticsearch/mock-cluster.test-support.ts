import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import {
  openElasticsearchSearchIndex,
  type ElasticsearchSearchIndex,
  type ElasticsearchSearchIndexOptions,
} from './elasticsearch.search-index';

/** A request as the mock cluster received it (ndjson bodies arrive as arrays of lines). */
export interface RecordedRequest {
  method: string;
  path: string;
  querystring: Record<string, string>;
  /** The decoded body, which a test reads as the request it expects and checks with expect(). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as above, like an HTTP response body
  body: any;
}

type Answer = (request: RecordedRequest) => Record<string, unknown> | errors.ResponseError;

/**
 * An Elasticsearch stand-in for request/response tests: answers what each test registers and records every
 * request the client sends, in order, with its decoded body.
 */
export class MockCluster {
  readonly requests: RecordedRequest[] = [];
  readonly client: Client;
  private readonly mock = new Mock();

  constructor() {
    this.client = new Client({ node: 'http://elasticsearch.test:9200', Connection: this.mock.getConnection() });
  }

  /** Answers requests matching method and path (find-my-way syntax: `/:index/_search`). */
  on(method: string | string[], path: string, answer: Answer): this {
    this.mock.add({ method, path }, (params) => {
      const request = params as unknown as RecordedRequest;
      this.requests.push(request);
      return answer(request);
    });
    return this;
  }

  /** Recorded requests whose path matches. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && path.test(request.path));
  }

  /** Answers the start-up calls of an alias whose index already exists. */
  answerStartup(alias: string, options: { aliasExists: boolean } = { aliasExists: true }): this {
    this.on('PUT', '/_index_template/:name', () => ({ acknowledged: true }));
    this.on('HEAD', '/_alias/:name', () =>
      options.aliasExists ? {} : errorResponse(404, 'aliases_not_found_exception', 'missing'),
    );
    this.on('PUT', '/:index', (request) => ({
      acknowledged: true,
      shards_acknowledged: true,
      index: request.path.slice(1),
    }));
    this.on('PUT', '/:index/_mapping', () => ({ acknowledged: true }));
    this.on('GET', '/:index/_settings/:name', () => ({
      [`${alias}-v1`]: { settings: { 'index.uuid': 'uuid-of-v1' } },
    }));
    return this;
  }

  /** Opens the adapter on this cluster, its start-up requests then forgotten. */
  async open(options: Omit<ElasticsearchSearchIndexOptions, 'client'> = {}): Promise<ElasticsearchSearchIndex> {
    const index = await openElasticsearchSearchIndex({ client: this.client, index: 'records', ...options });
    this.requests.length = 0;
    return index;
  }
}

/** An error answer as Elasticsearch sends it. */
export function errorResponse(statusCode: number, type: string, reason: string): errors.ResponseError {
  return new errors.ResponseError({
    body: { error: { type, reason, root_cause: [{ type, reason }] }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}
