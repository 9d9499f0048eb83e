import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import { jsonOf, type PlatformResponse } from '../http/platform-http';
import { DiscourseClient } from './discourse-client';
import type { DiscourseConnectorConfig } from './discourse-connector.config';
import {
  decodeCursor,
  decodePass,
  encodeCursor,
  encodePass,
  type DiscourseCursor,
  type DiscoursePass,
  type DiscourseTask,
} from './discourse-cursor';
import {
  emptyReading,
  POSTS_PER_REQUEST,
  readListing,
  readPosts,
  readRevision,
  readTopic,
  type Reading,
} from './discourse-pages';
import {
  CategoryListSchema,
  SinglePostSchema,
  TopicPageSchema,
  type DiscourseCategory,
} from './discourse-payload.schema';

/**
 * Archives a Discourse forum, or one of its categories. A pass reads the topic listing (`/latest.json`, or
 * `/c/{slug}/{id}.json`) page by page to its end; each topic (`/t/{id}.json`) with the posts its `stream` lists
 * beyond the first page (`/t/{id}/posts.json?post_ids[]=`, twenty at a time); and each edited post's revisions
 * (`/posts/{id}/revisions/{n}.json`), every edit a version at the forum's edit time, split between passes by the
 * forum's clock. A post missing from a pass is looked up (`/posts/{id}.json`, then its topic) before it is
 * believed deleted.
 */
export class DiscourseConnector implements Connector {
  private readonly client: DiscourseClient;

  constructor(private readonly config: DiscourseConnectorConfig) {
    this.client = new DiscourseClient(config);
  }

  /** Reads the categories (which also proves the key works), finds the configured one, and the forum's clock. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const url = this.client.urlOf('categories.json', { include_subcategories: 'true' });
    const response = await this.client.get(url, signal);
    if (response.status !== 200) throw this.client.unexpected(response, 'the list of categories');
    const listing = this.config.category === undefined ? 'latest.json' : this.categoryPath(response);
    const pass: DiscoursePass = { at: forumTimeOf(response), since: previousAt(previousPassToken) };
    const cursor: DiscourseCursor = { listing: this.client.urlOf(listing), tasks: [] };
    return { passToken: encodePass(pass), firstCursor: encodeCursor(cursor) };
  }

  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodePass(passToken);
    const cursor = decodeCursor(cursorText);
    const [task, ...rest] = cursor.tasks;
    if (task !== undefined) return this.doTask(task, rest, cursor, pass, signal);
    if (cursor.listing === null) throw new Error('the Discourse cursor has nothing left to fetch');
    const response = await this.client.get(cursor.listing, signal);
    if (response.status !== 200) throw this.client.unexpected(response, 'the topic list');
    const reading = readListing(response);
    const listing = reading.nextPage === null ? null : withPage(cursor.listing, reading.nextPage);
    return pageOf(response, cursor.listing, reading, { listing, tasks: reading.tasks });
  }

  /** Uploads on the forum (sent with the key, for forums that keep uploads private) or images it links to. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const response = await this.client.get(sourceUrl, signal, 'image/*');
    if (response.status !== 200) throw new Error(`${new URL(sourceUrl).host} answered ${response.status} for an image`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /**
   * A post is gone when `/posts/{id}.json` answers 404 (or, to staff, shows `deleted_at`), or when its topic is:
   * `/t/{topic_id}.json` 404, or `deleted_at` set. A 403 (a category made private) confirms nothing.
   */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    const topics = new Map<number, boolean>();
    for (const id of platformIds) {
      if (!/^\d+$/.test(id)) continue;
      const response = await this.client.get(this.client.urlOf(`posts/${id}.json`), signal);
      if (response.status === 404) {
        gone.push(id);
        continue;
      }
      const post = response.status === 200 ? SinglePostSchema.safeParse(jsonOf(response)) : null;
      if (!post?.success) continue;
      if (post.data.deleted_at) {
        gone.push(id);
        continue;
      }
      if (!topics.has(post.data.topic_id))
        topics.set(post.data.topic_id, await this.topicGone(post.data.topic_id, signal));
      if (topics.get(post.data.topic_id)) gone.push(id);
    }
    return gone;
  }

  private async doTask(
    task: DiscourseTask,
    rest: DiscourseTask[],
    cursor: DiscourseCursor,
    pass: DiscoursePass,
    signal?: AbortSignal,
  ): Promise<ConnectorPage> {
    const baseUrl = this.config.baseUrl;
    if (task.kind === 'topic') {
      const url = this.client.urlOf(`t/${task.topicId}.json`);
      const response = await this.client.get(url, signal);
      // Deleted, or made private or unlisted, since the listing: nothing to read now; a lookup settles it later.
      if (response.status === 404 || response.status === 403)
        return pageOf(response, url, emptyReading(), { ...cursor, tasks: rest });
      if (response.status !== 200) throw this.client.unexpected(response, `topic ${task.topicId}`);
      const reading = readTopic(response, pass, baseUrl);
      return pageOf(response, url, reading, { ...cursor, tasks: [...reading.tasks, ...rest] });
    }
    if (task.kind === 'posts') {
      const ids = task.ids.slice(0, POSTS_PER_REQUEST).map(String);
      const url = this.client.urlOf(`t/${task.topicId}/posts.json`, { 'post_ids[]': ids });
      const response = await this.client.get(url, signal);
      if (response.status === 404 || response.status === 403)
        return pageOf(response, url, emptyReading(), { ...cursor, tasks: rest });
      if (response.status !== 200) throw this.client.unexpected(response, `the posts of topic ${task.topicId}`);
      const reading = readPosts(response, task, pass, baseUrl);
      return pageOf(response, url, reading, { ...cursor, tasks: [...reading.tasks, ...rest] });
    }
    const url = this.client.urlOf(`posts/${task.postId}/revisions/${task.next}.json`);
    const response = await this.client.get(url, signal);
    // A revision staff hid (or one gone with its post) answers 403 or 404: its version is skipped.
    const readable = response.status === 200 ? response : null;
    if (!readable && response.status !== 404 && response.status !== 403)
      throw this.client.unexpected(response, `revision ${task.next} of post ${task.postId}`);
    const { reading, task: more } = readRevision(readable, task, pass, baseUrl);
    return pageOf(response, url, reading, { ...cursor, tasks: more ? [more, ...rest] : rest });
  }

  private categoryPath(response: PlatformResponse): string {
    const list = CategoryListSchema.safeParse(jsonOf(response));
    if (!list.success) throw new Error(`the forum ${this.client.origin} did not return its categories`);
    const wanted = this.config.category!;
    const found = flatten(list.data.category_list.categories).find(
      (category) => category.slug === wanted || String(category.id) === wanted,
    );
    if (!found) {
      throw new ConnectorConfigError(
        `the forum ${new URL(this.client.origin).host} has no category "${wanted}" that this account can read: check the category setting (its slug, as in /c/<slug>/<id>, or its id)`,
      );
    }
    return `c/${found.slug}/${found.id}.json`;
  }

  private async topicGone(topicId: number, signal?: AbortSignal): Promise<boolean> {
    const response = await this.client.get(this.client.urlOf(`t/${topicId}.json`), signal);
    if (response.status === 404) return true;
    const topic = response.status === 200 ? TopicPageSchema.safeParse(jsonOf(response)) : null;
    return Boolean(topic?.success && topic.data.deleted_at);
  }
}

function flatten(categories: DiscourseCategory[]): DiscourseCategory[] {
  return categories.flatMap((category) => [category, ...flatten(category.subcategory_list ?? [])]);
}

function withPage(url: string, page: number): string {
  const next = new URL(url);
  next.searchParams.set('page', String(page));
  return next.toString();
}

function pageOf(response: PlatformResponse, source: string, reading: Reading, next: DiscourseCursor): ConnectorPage {
  const done = next.listing === null && next.tasks.length === 0;
  return {
    raw: response.raw,
    contentType: response.contentType,
    source,
    items: reading.items,
    rejected: reading.rejected,
    nextCursor: done ? null : encodeCursor(next),
  };
}

function forumTimeOf(response: PlatformResponse): string {
  const date = Date.parse(response.headers.get('date') ?? '');
  return new Date(Number.isFinite(date) ? date : Date.now()).toISOString();
}

function previousAt(previousPassToken: string | null): string | null {
  if (previousPassToken === null) return null;
  try {
    return decodePass(previousPassToken).at;
  } catch {
    return null;
  }
}
