import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
  type PlatformItem,
  type RejectedPayload,
} from '@verbatim/core';
import { z } from 'zod';
import { jsonOf, platformGet, type PlatformResponse } from '../http/platform-http';
import { decodeToken, encodeToken, passSequenceAfter } from '../opaque-token';
import { XClient } from './x-client';
import type { XConnectorConfig } from './x-connector.config';
import { itemOfTweet, mediaByKey } from './x-items';
import { XPageSchema, XTweetSchema, XUserSchema, type XTweet } from './x-payload.schema';

const TWEET_FIELDS = 'created_at,author_id,conversation_id,referenced_tweets,edit_history_tweet_ids,attachments';
const EXPANSIONS = { expansions: 'attachments.media_keys,author_id', 'media.fields': 'url,preview_image_url,type' };
/** `search/recent` reaches back seven days: older conversations need a tier with `search/all`. */
export const RECENT_SEARCH_MS = 7 * 24 * 3_600_000;
const LOOKUP_BATCH = 100;

/** What the app's access tier keeps from the archive, said on the account (through the sync run's notices). */
export const X_TIER_NOTICES = {
  searchRefused:
    "Residents' replies were not archived: X refused the replies search (search/recent) to this app's access tier. The Basic tier or above reaches replies of the last seven days.",
  olderReplies:
    "Replies to posts older than seven days are not read: X's search/recent reaches back seven days; older conversations need search/all, which only the Pro tier or above has.",
} as const;

const PassSchema = z.strictObject({
  userId: z.string(),
  name: z.string(),
  username: z.string(),
  sequence: z.number().int().min(1),
});
type XPass = z.infer<typeof PassSchema>;
/** A post's replies to search (`conversation`), or an edited post's chain to read (`chain`). */
const TaskSchema = z.union([
  z.strictObject({ conversation: z.string(), url: z.string() }),
  z.strictObject({ chain: z.array(z.string()).min(2) }),
]);
type XTask = z.infer<typeof TaskSchema>;
const CursorSchema = z.strictObject({ timeline: z.string().nullable(), tasks: z.array(TaskSchema) });
type XCursor = z.infer<typeof CursorSchema>;

/**
 * Archives an X account through the API v2 (reference/platform-apis.md §3). A pass lists the account's
 * timeline (`/users/:id/tweets`, retweets left out) to the end, which X stops at the 3,200 most recent posts;
 * an edited post's chain is read whole (`/tweets?ids=`) so each edit is a version, oldest first, of one record
 * keyed on the chain's first id; residents' replies come from `search/recent` by `conversation_id`, which
 * reaches back seven days, so only posts of the last seven days have their replies read. Rate limits follow
 * `x-rate-limit-*`, and a pass resumes from the refused request.
 */
export class XConnector implements Connector {
  /** An edited post's chain is read whole on every pass: its earlier versions come back each time. */
  readonly replaysHistory = true;
  private readonly client: XClient;

  constructor(
    private readonly config: XConnectorConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.client = new XClient(config, now);
  }

  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const path = this.config.username ? `users/by/username/${this.config.username}` : `users/${this.config.userId}`;
    const response = await this.client.get(this.client.urlOf(path), signal);
    const user = XUserSchema.safeParse(jsonOf(response));
    if (response.status !== 200 || !user.success) {
      const who = this.config.username ? `@${this.config.username}` : `with id ${this.config.userId}`;
      if (response.status === 403)
        throw this.client.unexpected(response, 'the account lookup (check the app’s access tier)');
      throw new ConnectorConfigError(`X has no account ${who}: check the username or userId setting`);
    }
    const { id: userId, name, username } = user.data.data;
    const pass: XPass = {
      userId,
      name,
      username,
      sequence: passSequenceAfter(
        previousPassToken,
        (token) => decodeToken(token, PassSchema, 'X pass token').sequence,
      ),
    };
    const timeline = this.client.urlOf(`users/${pass.userId}/tweets`, {
      max_results: '100',
      exclude: 'retweets',
      'tweet.fields': TWEET_FIELDS,
      ...EXPANSIONS,
    });
    return { passToken: encodeToken(pass), firstCursor: encodeToken({ timeline, tasks: [] } satisfies XCursor) };
  }

  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodeToken(passToken, PassSchema, 'X pass token');
    const cursor = decodeToken(cursorText, CursorSchema, 'X cursor');
    const [task, ...rest] = cursor.tasks;
    if (task !== undefined) {
      if ('chain' in task) {
        const url = this.client.urlOf('tweets', {
          ids: task.chain.join(','),
          'tweet.fields': TWEET_FIELDS,
          ...EXPANSIONS,
        });
        const response = await this.client.get(url, signal);
        if (response.status !== 200) throw this.client.unexpected(response, `the edits of post ${task.chain[0]}`);
        return pageOf(response, url, this.readChain(response, task.chain, pass), { ...cursor, tasks: rest });
      }
      const response = await this.client.get(task.url, signal);
      // A tier without search: the replies cannot be read, and the account says so.
      if (response.status === 403)
        return pageOf(
          response,
          task.url,
          { ...emptyReading(), notices: [X_TIER_NOTICES.searchRefused] },
          {
            ...cursor,
            tasks: rest,
          },
        );
      if (response.status !== 200) throw this.client.unexpected(response, `the replies to post ${task.conversation}`);
      const reading = this.readPosts(response, pass, false);
      const more = reading.next ? [{ ...task, url: withToken(task.url, 'next_token', reading.next) }] : [];
      return pageOf(response, task.url, reading, { ...cursor, tasks: [...more, ...rest] });
    }
    if (cursor.timeline === null) throw new Error('the X cursor has nothing left to fetch');
    const response = await this.client.get(cursor.timeline, signal);
    if (response.status !== 200) throw this.client.unexpected(response, "the account's posts");
    const reading = this.readPosts(response, pass, true);
    const timeline = reading.next ? withToken(cursor.timeline, 'pagination_token', reading.next) : null;
    return pageOf(response, cursor.timeline, reading, { timeline, tasks: reading.tasks });
  }

  /** Images on X's media host: public, no token. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const response = await platformGet(sourceUrl, { signal, headers: { accept: 'image/*' } });
    if (response.status !== 200) throw new Error(`${new URL(sourceUrl).host} answered ${response.status} for an image`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /**
   * `/tweets?ids=` answers 200 with a "resource-not-found" error for each post that is gone (deleting any
   * version deletes the whole chain, so the chain's first id answers for it).
   */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    for (let start = 0; start < platformIds.length; start += LOOKUP_BATCH) {
      const batch = platformIds.slice(start, start + LOOKUP_BATCH);
      const response = await this.client.get(this.client.urlOf('tweets', { ids: batch.join(',') }), signal);
      if (response.status !== 200) throw this.client.unexpected(response, 'the post lookup');
      const page = XPageSchema.safeParse(jsonOf(response));
      if (!page.success) continue;
      const missing = new Set(
        (page.data.errors ?? [])
          .filter((error) => error.type?.endsWith('/resource-not-found'))
          .map((error) => error.resource_id),
      );
      gone.push(...batch.filter((id) => missing.has(id)));
    }
    return gone;
  }

  private readPosts(response: PlatformResponse, pass: XPass, own: boolean): Reading {
    const page = XPageSchema.safeParse(jsonOf(response));
    if (!page.success)
      return { ...emptyReading(), rejected: [{ itemIndex: null, reason: 'the page is not an X API list' }] };
    const authors = new Map<string, { name: string; username: string }>(
      (page.data.includes?.users ?? []).map((user) => [user.id, user]),
    );
    authors.set(pass.userId, { name: pass.name, username: pass.username });
    const media = mediaByKey(page.data);
    const reading = emptyReading(page.data.meta?.next_token ?? null);
    (page.data.data ?? []).forEach((element, index) => {
      const tweet = XTweetSchema.safeParse(element);
      if (!tweet.success) {
        const issue = tweet.error.issues[0];
        reading.rejected.push({ itemIndex: index, reason: `data[${index}].${issue.path.join('.')}: ${issue.message}` });
        return;
      }
      const chain = tweet.data.edit_history_tweet_ids;
      if (chain.length > 1) reading.tasks.push({ chain });
      else reading.items.push(itemOfTweet(tweet.data, authors, media, own));
      if (own && !tweet.data.referenced_tweets) {
        const conversation = tweet.data.conversation_id ?? chain[0];
        if (this.isRecent(tweet.data)) reading.tasks.push({ conversation, url: this.searchUrl(conversation) });
        else if (!reading.notices.includes(X_TIER_NOTICES.olderReplies))
          reading.notices.push(X_TIER_NOTICES.olderReplies);
      }
    });
    return reading;
  }

  /** Every version of an edited post, oldest first, as one record: each later one an edit at its own time. */
  private readChain(response: PlatformResponse, chain: string[], pass: XPass): Reading {
    const page = XPageSchema.safeParse(jsonOf(response));
    const reading = emptyReading();
    if (!page.success)
      return { ...reading, rejected: [{ itemIndex: null, reason: 'the edits are not an X API list' }] };
    const authors = new Map([[pass.userId, { name: pass.name, username: pass.username }]]);
    const media = mediaByKey(page.data);
    const versions = new Map<string, XTweet>();
    (page.data.data ?? []).forEach((element, index) => {
      const tweet = XTweetSchema.safeParse(element);
      if (tweet.success) versions.set(tweet.data.id, tweet.data);
      else reading.rejected.push({ itemIndex: index, reason: `data[${index}]: ${tweet.error.issues[0].message}` });
    });
    const first = versions.get(chain[0]);
    for (const id of chain) {
      const version = versions.get(id);
      if (!version) continue;
      const item = itemOfTweet(version, authors, media, true);
      if (first && id !== chain[0]) {
        item.postedAt = new Date(first.created_at).toISOString();
        item.editedAt = new Date(version.created_at).toISOString();
      }
      reading.items.push(item);
    }
    return reading;
  }

  private isRecent(tweet: XTweet): boolean {
    return this.now() - Date.parse(tweet.created_at) < RECENT_SEARCH_MS;
  }

  private searchUrl(conversation: string): string {
    return this.client.urlOf('tweets/search/recent', {
      query: `conversation_id:${conversation}`,
      max_results: '100',
      'tweet.fields': TWEET_FIELDS,
      ...EXPANSIONS,
    });
  }
}

interface Reading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: XTask[];
  next: string | null;
  notices: string[];
}

function emptyReading(next: string | null = null): Reading {
  return { items: [], rejected: [], tasks: [], next, notices: [] };
}

function withToken(url: string, name: string, token: string): string {
  const next = new URL(url);
  next.searchParams.set(name, token);
  return next.toString();
}

function pageOf(response: PlatformResponse, source: string, reading: Reading, next: XCursor): ConnectorPage {
  const done = next.timeline === null && next.tasks.length === 0;
  return {
    raw: response.raw,
    contentType: response.contentType,
    source,
    items: reading.items,
    rejected: reading.rejected,
    nextCursor: done ? null : encodeToken(next),
    ...(reading.notices.length > 0 ? { notices: reading.notices } : {}),
  };
}
