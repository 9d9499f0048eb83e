import {
  ConnectorConfigError,
  type Connector,
  type ConnectorPage,
  type MediaDownload,
  type PassStart,
} from '@verbatim/core';
import { firstPageOf, isExpiredCursor, wasListed, widenSpan } from '../graph/expired-cursor';
import { GraphClient, type GraphResponse } from '../graph/graph-client';
import { isMissingObject } from '../graph/graph-error';
import { findMissingObjects } from '../graph/graph-lookup';
import { downloadSignedMedia, SignedLinkMemory } from '../graph/signed-link-memory';
import { jsonOf } from '../http/platform-http';
import type { InstagramConnectorConfig } from './instagram-connector.config';
import { decodeCursor, decodePass, encodeCursor, encodePass, type InstagramCursor } from './instagram-cursor';
import { readMediaFiles } from './instagram-items';
import {
  emptyReading,
  readCommentsPage,
  readMediaPage,
  readRepliesPage,
  type PageReading,
  type ThreadUrls,
} from './instagram-pages';
import { InstagramAccountSchema, InstagramMediaSchema } from './instagram-payload.schema';
import { passSequenceAfter } from '../opaque-token';

const MEDIA_PER_PAGE = '50';
const COMMENTS_PER_PAGE = '50';
/** Files of a media: what renewing an expired link reads again. */
const FILE_FIELDS = 'id,media_type,media_url,thumbnail_url,children{id,media_type,media_url,thumbnail_url}';
const MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,username,comments_count,' +
  'like_count,children{id,media_type,media_url,thumbnail_url}';
const REPLY_FIELDS = 'id,text,timestamp,username,from{id,username},like_count,hidden,parent_id';
const COMMENT_FIELDS = `${REPLY_FIELDS},replies{${REPLY_FIELDS}}`;

/**
 * Archives one Instagram professional account through the Graph API (Facebook Login). A pass lists the account's
 * media (`/{ig-user-id}/media`, newest first, at most the 10K most recent) to the end, and reads each commented
 * media's comments with their replies nested, and `/{comment-id}/replies` where a comment has more. The API
 * exposes no edits: the pipeline stores a new version when a caption or comment differs from the one archived.
 * The cursor carries the next listing page and the thread pages still to read, so a rate limit resumes there.
 */
export class InstagramConnector implements Connector {
  private readonly client: GraphClient;
  private readonly links = new SignedLinkMemory();
  private readonly urls: ThreadUrls;

  constructor(private readonly config: InstagramConnectorConfig) {
    this.client = new GraphClient({
      graphUrl: config.graphUrl,
      apiVersion: config.apiVersion,
      accessToken: config.accessToken,
      tokenOwner: "the Instagram account's access token",
      reconnectHint:
        'reconnect the account in the Meta app (generate a new token with instagram_basic and instagram_manage_comments for the Page linked to the Instagram account and save it on the account)',
    });
    this.urls = {
      comments: (mediaId) =>
        this.client.urlOf(`${mediaId}/comments`, { fields: COMMENT_FIELDS, limit: COMMENTS_PER_PAGE }),
      replies: (commentId, after) =>
        this.client.urlOf(`${commentId}/replies`, {
          fields: REPLY_FIELDS,
          limit: COMMENTS_PER_PAGE,
          ...(after ? { after } : {}),
        }),
    };
  }

  /** Reads the account (its @username authors its media): a refused token or a wrong id is found here, at once. */
  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const id = this.config.igUserId;
    const response = await this.client.get(this.client.urlOf(id, { fields: 'id,username' }), signal);
    if (response.error?.code === 100) {
      throw new ConnectorConfigError(
        `the token cannot read an Instagram account with id ${id} (Graph said: ${response.error.message}): check the igUserId setting (the Page's instagram_business_account id) and that the token is for the Page linked to it`,
      );
    }
    if (response.status !== 200) throw this.client.unexpected(response, 'the Instagram account lookup');
    const account = InstagramAccountSchema.safeParse(jsonOf(response));
    if (!account.success) throw new Error(`the lookup of Instagram account ${id} did not return an account`);
    const cursor: InstagramCursor = {
      listing: this.client.urlOf(`${id}/media`, { fields: MEDIA_FIELDS, limit: MEDIA_PER_PAGE }),
      tasks: [],
    };
    const sequence = passSequenceAfter(previousPassToken, (token) => decodePass(token).sequence);
    return {
      passToken: encodePass({ igUserId: account.data.id, username: account.data.username, sequence }),
      firstCursor: encodeCursor(cursor),
    };
  }

  /** Reads the next thread page due (replies before the comments that follow them), else the next media page. */
  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodePass(passToken);
    const cursor = decodeCursor(cursorText);
    const [task, ...rest] = cursor.tasks;
    if (task !== undefined) {
      const response = await this.client.get(task.url, signal);
      if (isExpiredCursor(response.error, task.url)) {
        const restarted = { ...task, url: firstPageOf(task.url) };
        return this.pageOf(response, emptyReading(), { ...cursor, tasks: [restarted, ...rest] });
      }
      const what = task.commentId
        ? `the replies to comment ${task.commentId}`
        : `the comments of media ${task.mediaId}`;
      if (response.error && !isMissingObject(response.error)) throw this.client.unexpected(response, what);
      const reading = task.commentId
        ? readRepliesPage(response, task.mediaId, task.commentId)
        : readCommentsPage(response, task.mediaId, this.urls);
      const more = reading.next ? [{ ...task, url: this.client.storableUrl(reading.next) }] : [];
      return this.pageOf(response, reading, { ...cursor, tasks: [...reading.tasks, ...more, ...rest] });
    }
    if (cursor.listing === null) throw new Error('the Instagram cursor has nothing left to fetch');
    const response = await this.client.get(cursor.listing, signal);
    if (isExpiredCursor(response.error, cursor.listing)) {
      return this.pageOf(response, emptyReading(), { ...cursor, listing: firstPageOf(cursor.listing) });
    }
    if (response.status !== 200) throw this.client.unexpected(response, "the Instagram account's media");
    const account = { id: pass.igUserId, name: pass.username || pass.igUserId, ...handleOf(pass.username) };
    const reading = readMediaPage(response, account, this.urls);
    const next = reading.next ? this.client.storableUrl(reading.next) : null;
    const postedAt = new Map(reading.items.map((item) => [item.platformId, item.postedAt]));
    const tasks = reading.tasks.filter((task) => !wasListed(cursor.listed, postedAt.get(task.mediaId) ?? ''));
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

  /** Looks each media or comment up by id: only 100/33 there ("does not exist") confirms a deletion. */
  confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    return findMissingObjects(this.client, platformIds, signal);
  }

  /** A fresh signed link for the file, from its media read again. */
  private async renewLink(mediaId: string, stableUrl: string, signal?: AbortSignal): Promise<string | null> {
    const response = await this.client.get(this.client.urlOf(mediaId, { fields: FILE_FIELDS }), signal);
    if (response.status !== 200) return null;
    const media = InstagramMediaSchema.pick({
      id: true,
      media_type: true,
      media_url: true,
      thumbnail_url: true,
      children: true,
    }).safeParse(jsonOf(response));
    if (!media.success) return null;
    const link = readMediaFiles(media.data).links.find((candidate) => candidate.stableUrl === stableUrl);
    return link?.signedUrl ?? null;
  }

  private pageOf(response: GraphResponse, reading: PageReading, next: InstagramCursor): ConnectorPage {
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

function handleOf(username: string): { handle?: string } {
  return username ? { handle: username } : {};
}
