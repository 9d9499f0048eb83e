import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import { firstPageOf, isExpiredCursor, wasListed, widenSpan } from '../graph/expired-cursor';
import { DEFAULT_REQUEST_CONCURRENCY, type ConnectorOptions } from '../connector-options';
import { GraphClient, type GraphResponse } from '../graph/graph-client';
import { RequestPrefetch, type UpcomingRequest } from '../http/request-prefetch';
import { isMissingObject } from '../graph/graph-error';
import { findMissingObjects } from '../graph/graph-lookup';
import { downloadSignedMedia, SignedLinkMemory } from '../graph/signed-link-memory';
import { jsonOf } from '../http/platform-http';
import type { FacebookConnectorConfig } from './facebook-connector.config';
import { decodeCursor, decodePass, encodeCursor, encodePass, type FacebookCursor } from './facebook-cursor';
import { readAttachments } from './facebook-items';
import { emptyReading, readCommentsPage, readPostsPage, type PageReading } from './facebook-pages';
import { FacebookAttachmentSchema, FacebookPageSchema } from './facebook-payload.schema';
import { passSequenceAfter } from '../opaque-token';

/** `published_posts` allows up to 100 a page; 50 keeps a page with albums well under Graph's response limits. */
const POSTS_PER_PAGE = '50';
const COMMENTS_PER_PAGE = '100';
const POST_FIELDS =
  'id,message,story,created_time,updated_time,from{id,name},permalink_url,status_type,is_hidden,is_published,' +
  'attachments{type,media_type,media,url,target,subattachments},comments.summary(true).limit(0)';
const COMMENT_FIELDS =
  'id,message,created_time,from{id,name},parent{id},comment_count,like_count,is_hidden,attachment,permalink_url';

/**
 * Archives one Facebook Page through the Graph API. A pass lists the Page's own posts (`published_posts`, not
 * `/feed`, which returns only about 600 ranked posts a year) to the end, and reads each commented post's
 * comments with `filter=stream` (every comment, replies flattened in, hidden ones included). The API keeps no
 * edit history: the pipeline stores a new version when a message differs from the one archived. The cursor
 * carries the next listing page and the comment pages still to read, so a rate limit resumes exactly there.
 * Those requests are made a few at a time ahead of their turn (`requestConcurrency`) and handed out in the
 * cursor's order (see RequestPrefetch). A Graph cursor refused as expired (after a long wait) restarts its list
 * from the first page; the listing then skips the comments of posts already read (see ListedSpan).
 */
export class FacebookConnector implements Connector {
  private readonly client: GraphClient;
  private readonly links = new SignedLinkMemory();
  private readonly prefetch: RequestPrefetch<GraphResponse>;

  constructor(
    private readonly config: FacebookConnectorConfig,
    options: ConnectorOptions = {},
  ) {
    this.prefetch = new RequestPrefetch(options.requestConcurrency ?? DEFAULT_REQUEST_CONCURRENCY);
    this.client = new GraphClient({
      graphUrl: config.graphUrl,
      apiVersion: config.apiVersion,
      accessToken: config.accessToken,
      appSecret: config.appSecret,
      tokenOwner: "the Page's access token",
      reconnectHint:
        'reconnect the Page (generate a new Page access token for it in the Meta app and save it on the account)',
    });
  }

  /** Reads the Page (its name authors its posts): a refused token or a wrong Page id is found here, at once. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    this.prefetch.clear();
    const response = await this.client.get(this.client.urlOf(this.config.pageId, { fields: 'id,name' }), signal);
    if (response.error?.code === 100) {
      throw new ConnectorConfigError(
        `the token cannot read a Facebook Page with id ${this.config.pageId} (Graph said: ${response.error.message}): check the pageId setting and that the token is this Page's`,
      );
    }
    if (response.status !== 200) throw this.client.unexpected(response, 'the Page lookup');
    const page = FacebookPageSchema.safeParse(jsonOf(response));
    if (!page.success) throw new Error(`the Page lookup of ${this.config.pageId} did not return a Page`);
    const cursor: FacebookCursor = {
      listing: this.client.urlOf(`${this.config.pageId}/published_posts`, {
        fields: POST_FIELDS,
        limit: POSTS_PER_PAGE,
      }),
      tasks: [],
    };
    return {
      passToken: encodePass({
        pageId: page.data.id,
        pageName: page.data.name,
        sequence: passSequenceAfter(previousPassToken, (token) => decodePass(token).sequence),
      }),
      firstCursor: encodeCursor(cursor),
    };
  }

  /** Reads the next comment page due, else the next listing page. */
  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodePass(passToken);
    const cursor = decodeCursor(cursorText);
    const [task, ...rest] = cursor.tasks;
    if (task === undefined && cursor.listing === null) throw new Error('the Facebook cursor has nothing left to fetch');
    const response = await this.prefetch.take(this.upcoming(cursor, signal));
    if (task !== undefined) {
      if (isExpiredCursor(response.error, task.url)) {
        const restarted = { postId: task.postId, url: firstPageOf(task.url) };
        return this.pageOf(response, emptyReading(), { ...cursor, tasks: [restarted, ...rest] });
      }
      if (response.error && !isMissingObject(response.error)) {
        throw this.client.unexpected(response, `the comments of post ${task.postId}`);
      }
      const reading = readCommentsPage(response, task.postId);
      const more = reading.next ? [{ postId: task.postId, url: this.client.storableUrl(reading.next) }] : [];
      return this.pageOf(response, reading, { ...cursor, tasks: [...more, ...rest] });
    }
    if (isExpiredCursor(response.error, cursor.listing!)) {
      return this.pageOf(response, emptyReading(), { ...cursor, listing: firstPageOf(cursor.listing!) });
    }
    if (response.status !== 200) throw this.client.unexpected(response, "the Page's published posts");
    const author = { id: pass.pageId, name: pass.pageName };
    const reading = readPostsPage(response, author, (postId) => this.commentsUrl(postId));
    const next = reading.next ? this.client.storableUrl(reading.next) : null;
    const postedAt = new Map(reading.items.map((item) => [item.platformId, item.postedAt]));
    const tasks = reading.tasks.filter((task) => !wasListed(cursor.listed, postedAt.get(task.postId) ?? ''));
    return this.pageOf(response, reading, {
      listing: next === cursor.listing ? null : next,
      tasks,
      listed: widenSpan(cursor.listed, [...postedAt.values()]),
    });
  }

  /** Downloads a file through the signed link last seen for it, renewing an expired one from its object. */
  fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    return downloadSignedMedia(
      this.client,
      this.links,
      sourceUrl,
      (id, url, abort) => this.renewLink(id, url, abort),
      signal,
    );
  }

  /** Looks each object up by id: only 100/33 there ("does not exist") confirms a deletion. */
  confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    return findMissingObjects(this.client, platformIds, signal);
  }

  /** The requests the cursor still holds, in its order: the comment pages, then the listing page. */
  private upcoming(cursor: FacebookCursor, signal?: AbortSignal): Array<UpcomingRequest<GraphResponse>> {
    const urls = [...cursor.tasks.map((task) => task.url), ...(cursor.listing === null ? [] : [cursor.listing])];
    return urls.map((url) => ({ key: url, make: () => this.client.get(url, signal) }));
  }

  private commentsUrl(postId: string): string {
    return this.client.urlOf(`${postId}/comments`, {
      filter: 'stream',
      order: 'chronological',
      summary: 'true',
      limit: COMMENTS_PER_PAGE,
      fields: COMMENT_FIELDS,
    });
  }

  /** A fresh signed link for the file, from its post's `attachments` or its comment's `attachment`. */
  private async renewLink(objectId: string, stableUrl: string, signal?: AbortSignal): Promise<string | null> {
    const fields =
      objectId.includes('_') && objectId.startsWith(`${this.config.pageId}_`) ? 'attachments' : 'attachment';
    const response = await this.client.get(this.client.urlOf(objectId, { fields }), signal);
    if (response.status !== 200) return null;
    const body = jsonOf(response) as { attachments?: { data?: unknown[] }; attachment?: unknown } | undefined;
    const raw = fields === 'attachments' ? (body?.attachments?.data ?? []) : body?.attachment ? [body.attachment] : [];
    const attachments = raw.flatMap((element) => {
      const parsed = FacebookAttachmentSchema.safeParse(element);
      return parsed.success ? [parsed.data] : [];
    });
    const link = readAttachments(attachments, objectId).links.find((candidate) => candidate.stableUrl === stableUrl);
    return link?.signedUrl ?? null;
  }

  private pageOf(response: GraphResponse, reading: PageReading, next: FacebookCursor): ConnectorPage {
    this.links.remember(reading.links);
    const done = next.listing === null && next.tasks.length === 0;
    return {
      raw: response.raw,
      contentType: response.contentType,
      source: response.url,
      items: reading.items,
      rejected: reading.rejected,
      nextCursor: done ? null : encodeCursor(next),
    };
  }
}
