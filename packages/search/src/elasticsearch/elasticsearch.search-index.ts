import type { Client } from '@elastic/elasticsearch';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '@verbatim/core';
import { BulkWriter, DEFAULT_BULK_OPTIONS, toSource, type BulkWriterOptions, type IndexedSource } from './bulk-writer';
import { describeOutdatedIndex, ensureIndex, readIndexIdentity } from './index-template';
import { prepareSearch } from './search-request';
import { SearchRunner } from './search-runner';

/** When an upsert's documents become searchable. */
export type UpsertRefresh = 'wait_for' | 'immediate' | 'none';

export interface ElasticsearchSearchIndexOptions {
  /** Cluster URL(s), e.g. `http://localhost:9200`. Required unless `client` is given. */
  node?: string | string[];
  /** A client to use instead of creating one; it stays the caller's (close() leaves it open) unless `ownClient`. */
  client?: Client;
  /** Hand the given `client` to the adapter: close() closes it. */
  ownClient?: boolean;
  /** Alias searched and written; the adapter creates `<alias>-v1` behind it when absent. Default `verbatim-records`. */
  index?: string;
  /** API key, or basic-auth credentials. */
  auth?: { apiKey: string } | { username: string; password: string };
  /**
   * `wait_for` (default): an upsert returns once its documents are searchable, at the next scheduled refresh
   * (up to refresh_interval, 1 s), without forcing extra refreshes. `immediate`: one forced refresh after the
   * upsert (tests, small imports). `none`: visible within refresh_interval (bulk rebuilds that do not read back).
   */
  refresh?: UpsertRefresh;
  /** How long a point in time stays open between two pages. Default `5m`. */
  pointInTimeKeepAlive?: string;
  /** Key that signs cursors. Default: the uuid of the index behind the alias, which every process reads alike. */
  cursorSecret?: string;
  bulk?: Partial<BulkWriterOptions>;
}

export const DEFAULT_INDEX_ALIAS = 'verbatim-records';

/**
 * The search index in Elasticsearch: the scale-out counterpart of the SQLite index, passing the same
 * conformance suite. Query text is parsed by the shared parser and translated to a bool query
 * (query-translation.ts); pages are read from points in time with search_after (search-runner.ts); writes go
 * through the bulk API with back-pressure and retries (bulk-writer.ts).
 */
export class ElasticsearchSearchIndex implements SearchIndex {
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly alias: string,
    private readonly runner: SearchRunner,
    private readonly writer: BulkWriter,
    private readonly refresh: UpsertRefresh,
    private readonly ownsClient: boolean,
  ) {}

  /** Adds or replaces documents by id; see `refresh` for when they become searchable. */
  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    if (documents.length === 0) return;
    await this.writer.write(documents, this.refresh === 'wait_for' ? 'wait_for' : undefined);
    if (this.refresh === 'immediate') await this.client.indices.refresh({ index: this.alias });
  }

  /**
   * Runs a query; see SearchIndex.search. Throws `SearchQueryError` for bad query text, filters or cursor, and
   * for a cursor whose point in time has expired (paging must then start again: continuing in a fresh
   * snapshot could repeat or skip records, which the port rules out).
   */
  async search(query: SearchQuery): Promise<SearchResult> {
    this.assertOpen();
    return this.runner.run(prepareSearch(query));
  }

  /** Compares these documents with the sources the index holds for them (one multi-get). */
  async verify(documents: SearchDocument[]): Promise<Array<{ id: string; state: 'same' | 'different' | 'missing' }>> {
    this.assertOpen();
    if (documents.length === 0) return [];
    const { docs } = await this.client.mget<IndexedSource>({
      index: this.alias,
      ids: documents.map((document) => document.id),
    });
    return documents.map((document, index) => {
      const held = docs[index] as { found?: boolean; _source?: IndexedSource };
      if (!held?.found || !held._source) return { id: document.id, state: 'missing' as const };
      return {
        id: document.id,
        state: sameSource(held._source, document) ? ('same' as const) : ('different' as const),
      };
    });
  }

  /** Why the indices behind the alias need a reindex (created before policy flags), or null. */
  async outdated(): Promise<string | null> {
    this.assertOpen();
    return describeOutdatedIndex(this.client, this.alias);
  }

  /** Number of documents indexed (as of the last refresh). */
  async count(): Promise<number> {
    this.assertOpen();
    return (await this.client.count({ index: this.alias })).count;
  }

  /** Removes every document and refreshes, so the index reads empty at once. Open points in time keep their snapshot. */
  async clear(): Promise<void> {
    this.assertOpen();
    await this.client.deleteByQuery({
      index: this.alias,
      query: { match_all: {} },
      refresh: true,
      conflicts: 'proceed',
    });
  }

  /** Checks the cluster answers and the alias exists. */
  async ping(): Promise<void> {
    this.assertOpen();
    if (!(await this.client.indices.existsAlias({ name: this.alias }))) {
      throw new Error(`Elasticsearch answers but has no alias ${this.alias}`);
    }
  }

  /** Closes the client if this adapter created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the search index is closed');
  }
}

/**
 * Connects, installs the index template from index-template/ (idempotently), creates the versioned index
 * behind the alias if missing, and returns the adapter. `@elastic/elasticsearch` is loaded only here, so a
 * process on the SQLite index never loads it.
 */
export async function openElasticsearchSearchIndex(
  options: ElasticsearchSearchIndexOptions,
): Promise<ElasticsearchSearchIndex> {
  const alias = options.index ?? DEFAULT_INDEX_ALIAS;
  const client = options.client ?? (await createClient(options));
  try {
    await ensureIndex(client, alias);
    const cursorKey = options.cursorSecret ?? (await readIndexIdentity(client, alias));
    const runner = new SearchRunner({ client, alias, keepAlive: options.pointInTimeKeepAlive ?? '5m', cursorKey });
    const writer = new BulkWriter(client, alias, { ...DEFAULT_BULK_OPTIONS, ...options.bulk });
    return new ElasticsearchSearchIndex(
      client,
      alias,
      runner,
      writer,
      options.refresh ?? 'wait_for',
      !options.client || options.ownClient === true,
    );
  } catch (error) {
    if (!options.client) await client.close();
    throw error;
  }
}

/**
 * The adapter on one concrete index (not the alias) of an open cluster connection, which it does not own:
 * how a reindex writes the generation it is building. Creates nothing.
 */
export function elasticsearchIndexOn(
  client: Client,
  index: string,
  options: Pick<ElasticsearchSearchIndexOptions, 'refresh' | 'bulk' | 'pointInTimeKeepAlive'> & { cursorKey: string },
): ElasticsearchSearchIndex {
  const runner = new SearchRunner({
    client,
    alias: index,
    keepAlive: options.pointInTimeKeepAlive ?? '5m',
    cursorKey: options.cursorKey,
  });
  const writer = new BulkWriter(client, index, { ...DEFAULT_BULK_OPTIONS, ...options.bulk });
  return new ElasticsearchSearchIndex(client, index, runner, writer, options.refresh ?? 'none', false);
}

/** True when the held source carries exactly the document's indexed fields, policy flags included. */
function sameSource(held: IndexedSource, document: SearchDocument): boolean {
  const expected = toSource(document);
  const fields: Array<keyof IndexedSource> = [
    'accountId',
    'agencyId',
    'platform',
    'kind',
    'status',
    'authorName',
    'text',
    'priorText',
    'postedAt',
    'hasAttachments',
  ];
  const sameFlags = (held.policyFlags ?? []).join(',') === expected.policyFlags.join(',');
  return sameFlags && fields.every((field) => held[field] === expected[field]);
}

export async function createClient(options: ElasticsearchSearchIndexOptions): Promise<Client> {
  if (!options.node) throw new Error('openElasticsearchSearchIndex needs `node` (the cluster URL) or a `client`');
  const { Client: ElasticsearchClient } = await import('@elastic/elasticsearch');
  // Read off the constructor: the package's ESM type entry (what bundler resolution sees) does not name ClientOptions.
  const clientOptions: ConstructorParameters<typeof Client>[0] = {
    node: options.node,
    ...(options.auth ? { auth: options.auth } : {}),
  };
  return new ElasticsearchClient(clientOptions);
}
