import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import { jsonOf, platformGet, type PlatformResponse } from '../http/platform-http';
import {
  BlueskyConnectorConfigSchema,
  type BlueskyConnectorConfig,
  type BlueskyConnectorConfigInput,
} from './bluesky-connector.config';
import { FIRST_CURSOR, decodeBlueskyCursor, encodeBlueskyCursor, type BlueskyCursor } from './bluesky-cursor';
import { readAuthorFeed } from './bluesky-feed.page';
import { POST_URI, PostThreadEnvelopeSchema } from './bluesky-payload.schema';
import { readPostThread } from './bluesky-thread.page';
import { throwIfRateLimited, unexpectedAnswer, xrpcErrorOf, xrpcGet } from './bluesky-xrpc';

const GET_AUTHOR_FEED = 'app.bsky.feed.getAuthorFeed';
const GET_POST_THREAD = 'app.bsky.feed.getPostThread';
/**
 * The town's posts and all its replies, in its own threads and in threads others started (official answers
 * are records too); its reposts are read and set aside (see readAuthorFeed). Pins are left out: a pinned post
 * would be listed twice.
 */
const FEED_FILTER = 'posts_with_replies';
const FEED_PAGE_SIZE = '100';
/** The lexicon's maximum: a thread is read whole in one answer. */
const THREAD_DEPTH = '1000';
const LOOKUP_CONCURRENCY = 4;
/** What `getAuthorFeed` answers (400 InvalidRequest) for an actor that does not exist. */
const UNKNOWN_ACTOR = /profile not found|actor not found|could not find|unable to resolve/i;

/**
 * The Bluesky connector: reads an account's posts from the public AppView, no credentials needed. A pass
 * lists the author feed to its end and, after each feed page, reads the reply threads of that page's posts,
 * one page each. Each pass reads everything, since the pipeline learns of deletions from what a pass did not
 * see; a record the pass missed is tombstoned only when `getPostThread` says the post is not found.
 */
export class BlueskyConnector implements Connector {
  readonly config: BlueskyConnectorConfig;

  constructor(config: BlueskyConnectorConfigInput) {
    this.config = BlueskyConnectorConfigSchema.parse(config);
  }

  /** Pass tokens count passes; the platform has no notion of them, so nothing is asked of it here. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    signal?.throwIfAborted();
    const previous = Number(previousPassToken);
    const pass = previousPassToken !== null && Number.isSafeInteger(previous) ? previous + 1 : 1;
    return { passToken: String(pass), firstCursor: encodeBlueskyCursor(FIRST_CURSOR)! };
  }

  /** A feed page, or the next thread announced by the last one. Throws `RateLimitedError` on a 429. */
  async fetchPage(_passToken: string, cursor: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const position = decodeBlueskyCursor(cursor);
    if (position.threads.length > 0) return this.fetchThread(position, signal);
    if (position.feed === null) throw new Error('this Bluesky cursor marks the end of a pass; there is no page');
    return this.fetchFeed(position.feed, signal);
  }

  /** The image behind a CDN link this connector built. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    if (!sourceUrl.startsWith(`${this.config.cdnUrl}/`)) throw new Error(`not a Bluesky CDN link: ${sourceUrl}`);
    const response = throwIfRateLimited(await platformGet(sourceUrl, { signal }));
    if (response.status !== 200) throw new Error(`Bluesky CDN answered ${response.status} for ${sourceUrl}`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /**
   * Of `platformIds`, the posts `getPostThread` says are not found: a 400 `NotFound`, or a `notFoundPost`
   * thread. Any other answer keeps the record; one the connector cannot read stops the check, to run again.
   */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    const uris = platformIds.filter((platformId) => POST_URI.test(platformId));
    let next = 0;
    const worker = async () => {
      while (next < uris.length) {
        const uri = uris[next++];
        if (await this.isGone(uri, signal)) gone.push(uri);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, uris.length) }, worker));
    return platformIds.filter((platformId) => gone.includes(platformId));
  }

  private async fetchFeed(feedCursor: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const params = {
      actor: this.config.actor,
      filter: FEED_FILTER,
      includePins: 'false',
      limit: FEED_PAGE_SIZE,
      cursor: feedCursor === '' ? undefined : feedCursor,
    };
    const response = await xrpcGet(this.config.serviceUrl, GET_AUTHOR_FEED, params, signal);
    if (response.status !== 200) throw this.feedError(response);
    const read = readAuthorFeed(response.raw, this.config.cdnUrl);
    // Short and empty pages still carry a cursor: the feed ends only when it has none (or it stops moving).
    const feed = read.cursor !== undefined && read.cursor !== feedCursor ? read.cursor : null;
    return this.pageOf(response, read, { feed, threads: read.threads });
  }

  private async fetchThread(position: BlueskyCursor, signal?: AbortSignal): Promise<ConnectorPage> {
    const [uri, ...threads] = position.threads;
    const params = { uri, depth: THREAD_DEPTH, parentHeight: '0' };
    const response = await xrpcGet(this.config.serviceUrl, GET_POST_THREAD, params, signal);
    const next = { feed: position.feed, threads };
    if (response.status === 200) return this.pageOf(response, readPostThread(response.raw, this.config.cdnUrl), next);
    const error = xrpcErrorOf(response);
    // Deleted since its feed page was read: the answer is archived, and the lookups of the pass's end decide.
    if (error.error === 'NotFound') return this.pageOf(response, { items: [], rejected: [] }, next);
    throw unexpectedAnswer(GET_POST_THREAD, error);
  }

  private pageOf(
    response: PlatformResponse,
    read: Pick<ConnectorPage, 'items' | 'rejected'>,
    next: BlueskyCursor,
  ): ConnectorPage {
    return {
      raw: response.raw,
      contentType: response.contentType,
      source: response.url,
      items: read.items,
      rejected: read.rejected,
      nextCursor: encodeBlueskyCursor(next),
    };
  }

  private feedError(response: PlatformResponse): Error {
    const error = xrpcErrorOf(response);
    const actor = this.config.actor.startsWith('did:') ? this.config.actor : `@${this.config.actor}`;
    const what = this.config.actor.startsWith('did:') ? 'the DID' : 'the handle';
    if (response.status === 400 && error.error === 'InvalidRequest' && UNKNOWN_ACTOR.test(error.message)) {
      return new ConnectorConfigError(`no Bluesky account ${actor}: check ${what}`);
    }
    if (error.error === 'AccountTakedown') {
      return new ConnectorConfigError(
        `the Bluesky account ${actor} was taken down by Bluesky: its posts cannot be read`,
      );
    }
    if (error.error === 'AccountDeactivated') {
      return new ConnectorConfigError(
        `the Bluesky account ${actor} is deactivated: its posts cannot be read until it is reactivated`,
      );
    }
    return unexpectedAnswer(GET_AUTHOR_FEED, error);
  }

  private async isGone(uri: string, signal?: AbortSignal): Promise<boolean> {
    const params = { uri, depth: '0', parentHeight: '0' };
    const response = await xrpcGet(this.config.serviceUrl, GET_POST_THREAD, params, signal);
    if (response.status === 200) {
      const thread = PostThreadEnvelopeSchema.safeParse(jsonOf(response));
      if (!thread.success) throw unexpectedAnswer(GET_POST_THREAD, { status: 200, error: 'unreadable', message: '' });
      const node = thread.data.thread as { $type?: unknown; notFound?: unknown } | null;
      return node?.$type === 'app.bsky.feed.defs#notFoundPost' || node?.notFound === true;
    }
    const error = xrpcErrorOf(response);
    if (response.status === 400 && error.error === 'NotFound') return true;
    throw unexpectedAnswer(GET_POST_THREAD, error);
  }
}
