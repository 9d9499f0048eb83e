import type { Client } from '@elastic/elasticsearch';
import type { SearchGenerations } from '@verbatim/core';
import { SwitchableSearchIndex } from '../switchable-search-index';
import {
  createClient,
  DEFAULT_INDEX_ALIAS,
  elasticsearchIndexOn,
  openElasticsearchSearchIndex,
  type ElasticsearchSearchIndex,
  type ElasticsearchSearchIndexOptions,
} from './elasticsearch.search-index';
import { DOCUMENT_FORMAT, versionedIndexName } from './index-template';

/** The mapping `_meta` key that marks an index being built, with how far its copy has come. */
const REBUILD_META = 'verbatim_rebuild';

/**
 * The mapping `_meta` of a generation. A put-mapping replaces `_meta` whole, so every write of it carries the
 * document format (see index-template.ts), which tells later starts the index holds policy flags.
 */
function generationMeta(rebuild?: { copiedThrough: string | null }): Record<string, unknown> {
  return { document_format: DOCUMENT_FORMAT, ...(rebuild ? { [REBUILD_META]: rebuild } : {}) };
}

/**
 * Generations of the Elasticsearch index behind its alias: a rebuild fills a new concrete index (matched by the
 * same template), marked in its mapping's `_meta` with its progress so any process can resume it; every
 * process writes new documents to it too once it notices it (the rebuild waits two follow intervals before
 * copying); promoting switches the alias in one atomic `_aliases` call, so every process searching the alias
 * moves at once, then deletes the old index.
 */
export class ElasticsearchSearchGenerations implements SearchGenerations {
  private next: { name: string; index: ElasticsearchSearchIndex } | null = null;
  private followed: { name: string; index: ElasticsearchSearchIndex } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private following: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Client,
    private readonly alias: string,
    readonly live: SwitchableSearchIndex,
    private readonly followIntervalMs = 1000,
  ) {}

  /**
   * Looks for another process's rebuild every follow interval and writes new documents to it as well, so a
   * record changed here while it is being built is not stale in it. (The alias switch itself reaches every
   * process at once.)
   */
  startFollowing(): void {
    this.timer = setInterval(() => {
      this.following = this.following.then(() => this.followOnce()).catch(() => undefined);
    }, this.followIntervalMs);
    this.timer.unref();
    this.live.onClose(async () => {
      if (this.timer) clearInterval(this.timer);
      await this.following;
      if (this.followed) this.live.writeAlsoTo(null);
    });
  }

  async followOnce(): Promise<void> {
    if (this.next) return;
    const rebuild = await this.findRebuild();
    if (rebuild && this.followed?.name !== rebuild.name) {
      this.followed = {
        name: rebuild.name,
        index: elasticsearchIndexOn(this.client, rebuild.name, { cursorKey: rebuild.name, refresh: 'none' }),
      };
      this.live.writeAlsoTo(this.followed.index);
    } else if (!rebuild && this.followed) {
      this.live.writeAlsoTo(null);
      await this.followed.index.close();
      this.followed = null;
    }
  }

  async openNext(): Promise<{ index: ElasticsearchSearchIndex; copiedThrough: string | null }> {
    const found = await this.findRebuild();
    if (!this.next) {
      await this.following;
      const name = found?.name ?? `${versionedIndexName(this.alias)}-${Date.now()}`;
      if (!found)
        await this.client.indices.create({
          index: name,
          mappings: { _meta: generationMeta({ copiedThrough: null }) },
        });
      this.followed = null;
      this.next = { name, index: elasticsearchIndexOn(this.client, name, { cursorKey: name, refresh: 'none' }) };
      this.live.writeAlsoTo(this.next.index);
      // Other processes notice the rebuild within one follow interval and write to it from then on.
      if (!found) await new Promise((resolve) => setTimeout(resolve, 2 * this.followIntervalMs));
    }
    return { index: this.next.index, copiedThrough: found?.copiedThrough ?? null };
  }

  async saveProgress(copiedThrough: string): Promise<void> {
    const next = this.building();
    await this.client.indices.putMapping({ index: next.name, _meta: generationMeta({ copiedThrough }) });
  }

  async promote(): Promise<void> {
    const next = this.building();
    const current = Object.keys(await this.client.indices.getAlias({ name: this.alias }));
    await this.client.indices.refresh({ index: next.name });
    await this.client.indices.updateAliases({
      actions: [
        ...current.map((index) => ({ remove: { index, alias: this.alias } })),
        { add: { index: next.name, alias: this.alias, is_write_index: true } },
      ],
    });
    this.live.writeAlsoTo(null);
    this.next = null;
    await next.index.close();
    await this.client.indices.putMapping({ index: next.name, _meta: generationMeta() });
    for (const index of current) await this.client.indices.delete({ index });
  }

  /** An index of this alias's family marked as being built and not yet behind the alias. */
  private async findRebuild(): Promise<{ name: string; copiedThrough: string | null } | null> {
    const mappings = await this.client.indices.getMapping({ index: `${this.alias}-v*` });
    const live = new Set(Object.keys(await this.client.indices.getAlias({ name: this.alias })));
    for (const [name, entry] of Object.entries(mappings)) {
      const marker = entry.mappings?._meta?.[REBUILD_META] as { copiedThrough?: string | null } | undefined;
      if (marker && !live.has(name)) return { name, copiedThrough: marker.copiedThrough ?? null };
    }
    return null;
  }

  private building(): { name: string; index: ElasticsearchSearchIndex } {
    if (!this.next) throw new Error('no search index generation is being built');
    return this.next;
  }
}

/** The alias's index as the live, switchable search index, with its generations for reindexing. */
export async function openElasticsearchWithGenerations(
  options: ElasticsearchSearchIndexOptions & { followIntervalMs?: number },
): Promise<{ live: SwitchableSearchIndex; generations: ElasticsearchSearchGenerations }> {
  const client = options.client ?? (await createClient(options));
  const index = await openElasticsearchSearchIndex({ ...options, client, ownClient: !options.client }).catch(
    async (error: unknown) => {
      if (!options.client) await client.close();
      throw error;
    },
  );
  const live = new SwitchableSearchIndex(index);
  const generations = new ElasticsearchSearchGenerations(
    client,
    options.index ?? DEFAULT_INDEX_ALIAS,
    live,
    options.followIntervalMs,
  );
  await generations.followOnce();
  generations.startFollowing();
  return { live, generations };
}
