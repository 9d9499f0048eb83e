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
import { jsonOf, platformGet } from '../http/platform-http';
import { decodeToken, encodeToken, passSequenceAfter } from '../opaque-token';
import { YoutubeClient, type YoutubeResponse } from './youtube-client';
import type { YoutubeConnectorConfig } from './youtube-connector.config';
import { itemOfComment, itemOfVideo } from './youtube-items';
import {
  CommentThreadSchema,
  PlaylistItemSchema,
  YoutubeChannelSchema,
  YoutubeCommentSchema,
  YoutubeListSchema,
} from './youtube-payload.schema';

const PassSchema = z.strictObject({
  channelId: z.string(),
  channelTitle: z.string(),
  uploads: z.string(),
  sequence: z.number().int().min(1),
});
type YoutubePass = z.infer<typeof PassSchema>;
/** A video's comment threads to read (`url` a commentThreads page), or a thread's replies (`parentId` set). */
const TaskSchema = z.strictObject({ videoId: z.string(), parentId: z.string().optional(), url: z.string() });
type ThreadTask = z.infer<typeof TaskSchema>;
const CursorSchema = z.strictObject({ listing: z.string().nullable(), tasks: z.array(TaskSchema) });
type YoutubeCursor = z.infer<typeof CursorSchema>;

/** A video id is 11 characters of the URL-safe alphabet; comment ids are longer. */
const VIDEO_ID = /^[\w-]{11}$/;
const LOOKUP_BATCH = 50;

/**
 * Archives a YouTube channel through the Data API v3 (reference/platform-apis.md §4). A pass lists the uploads
 * playlist to its end (never `search.list`, whose quota is tiny), each video's comment threads newest first,
 * and, where a thread holds more replies than the few YouTube inlines, all of them through `comments.list`.
 * Every call costs a unit of the project's 10,000 a day; when they run out the sync waits for midnight Pacific
 * and resumes from its cursor. YouTube keeps no edit history: a changed title, description or comment is a
 * new version, with the comment's `updatedAt` as its edit time.
 */
export class YoutubeConnector implements Connector {
  private readonly client: YoutubeClient;

  constructor(
    private readonly config: YoutubeConnectorConfig,
    now: () => number = Date.now,
  ) {
    this.client = new YoutubeClient(config, now);
  }

  async beginPass(previousPassToken: string | null, signal?: AbortSignal): Promise<PassStart> {
    const url = this.client.urlOf('channels', { part: 'snippet,contentDetails', id: this.config.channelId });
    const response = await this.client.get(url, signal);
    if (response.status !== 200) throw this.client.unexpected(response, 'the channel lookup');
    const list = YoutubeListSchema.safeParse(jsonOf(response));
    const channel = list.success ? YoutubeChannelSchema.safeParse(list.data.items[0]) : null;
    if (!channel?.success) {
      throw new ConnectorConfigError(
        `YouTube has no channel ${this.config.channelId}: check the channelId setting (YouTube Studio → Settings → Channel → Advanced settings)`,
      );
    }
    const pass: YoutubePass = {
      channelId: channel.data.id,
      channelTitle: channel.data.snippet?.title ?? channel.data.id,
      uploads: channel.data.contentDetails.relatedPlaylists.uploads,
      sequence: passSequenceAfter(
        previousPassToken,
        (token) => decodeToken(token, PassSchema, 'YouTube pass token').sequence,
      ),
    };
    const listing = this.client.urlOf('playlistItems', {
      part: 'snippet,contentDetails',
      playlistId: pass.uploads,
      maxResults: '50',
    });
    return { passToken: encodeToken(pass), firstCursor: encodeToken({ listing, tasks: [] } satisfies YoutubeCursor) };
  }

  /** Reads the next thread or reply page due, else the next page of uploads. */
  async fetchPage(passToken: string, cursorText: string, signal?: AbortSignal): Promise<ConnectorPage> {
    const pass = decodeToken(passToken, PassSchema, 'YouTube pass token');
    const cursor = decodeToken(cursorText, CursorSchema, 'YouTube cursor');
    const [task, ...rest] = cursor.tasks;
    if (task !== undefined) {
      const response = await this.client.get(task.url, signal);
      // Comments turned off, or the video went since it was listed: nothing to read there, nothing concluded.
      if (response.reason === 'commentsDisabled' || response.reason === 'videoNotFound' || response.status === 404)
        return pageOf(response, { items: [], rejected: [], tasks: [], next: null }, { ...cursor, tasks: rest });
      if (response.status !== 200) throw this.client.unexpected(response, `the comments of video ${task.videoId}`);
      const reading = task.parentId ? readReplies(response, task) : this.readThreads(response, task.videoId);
      const more = reading.next ? [{ ...task, url: withPageToken(task.url, reading.next) }] : [];
      return pageOf(response, reading, { listing: cursor.listing, tasks: [...reading.tasks, ...more, ...rest] });
    }
    if (cursor.listing === null) throw new Error('the YouTube cursor has nothing left to fetch');
    const response = await this.client.get(cursor.listing, signal);
    if (response.status !== 200) throw this.client.unexpected(response, "the channel's uploads");
    const reading = this.readUploads(response, pass);
    const listing = reading.next ? withPageToken(cursor.listing, reading.next) : null;
    return pageOf(response, reading, { listing, tasks: reading.tasks });
  }

  /** Thumbnails are public files on YouTube's image host: no key. */
  async fetchMedia(sourceUrl: string, signal?: AbortSignal): Promise<MediaDownload> {
    const response = await platformGet(sourceUrl, { signal, headers: { accept: 'image/*' } });
    if (response.status !== 200)
      throw new Error(`${new URL(sourceUrl).host} answered ${response.status} for a thumbnail`);
    return { bytes: response.raw, contentType: response.contentType };
  }

  /**
   * Looks videos up with `videos.list` and comments with `comments.list`, 50 ids a call: an id missing from
   * the answer is deleted (or made private, which the API cannot tell apart; the README says so).
   */
  async confirmGone(_passToken: string, platformIds: string[], signal?: AbortSignal): Promise<string[]> {
    const gone: string[] = [];
    const videos = platformIds.filter((id) => VIDEO_ID.test(id));
    const comments = platformIds.filter((id) => !VIDEO_ID.test(id));
    for (const [resource, ids] of [
      ['videos', videos],
      ['comments', comments],
    ] as const) {
      for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
        const batch = ids.slice(start, start + LOOKUP_BATCH);
        const url = this.client.urlOf(resource, { part: 'id', id: batch.join(','), maxResults: '50' });
        const response = await this.client.get(url, signal);
        if (response.status !== 200) throw this.client.unexpected(response, `the ${resource} lookup`);
        const list = YoutubeListSchema.safeParse(jsonOf(response));
        if (!list.success) continue;
        const found = new Set(list.data.items.map((item) => (item as { id?: unknown }).id));
        gone.push(...batch.filter((id) => !found.has(id)));
      }
    }
    return gone;
  }

  private readUploads(response: YoutubeResponse, pass: YoutubePass): Reading {
    const reading = listOf(response, 'the uploads page');
    if (!reading.items) return reading.failed;
    const result = emptyReading(reading.next);
    reading.items.forEach((element, index) => {
      const parsed = PlaylistItemSchema.safeParse(element);
      if (!parsed.success) return result.rejected.push(rejection(index, parsed.error));
      result.items.push(itemOfVideo(parsed.data, { id: pass.channelId, title: pass.channelTitle }));
      const videoId = parsed.data.contentDetails.videoId;
      result.tasks.push({ videoId, url: this.threadsUrl(videoId) });
    });
    return result;
  }

  private readThreads(response: YoutubeResponse, videoId: string): Reading {
    const reading = listOf(response, `the comment threads of ${videoId}`);
    if (!reading.items) return reading.failed;
    const result = emptyReading(reading.next);
    reading.items.forEach((element, index) => {
      const thread = CommentThreadSchema.safeParse(element);
      if (!thread.success) return result.rejected.push(rejection(index, thread.error));
      result.items.push(itemOfComment(thread.data.snippet.topLevelComment, videoId));
      const inline = thread.data.replies?.comments ?? [];
      // All of a thread's replies come either inlined or, when YouTube inlined only some, from comments.list:
      // never both, so a pass reads each reply once.
      if (thread.data.snippet.totalReplyCount <= inline.length) {
        for (const reply of inline) {
          const parsed = YoutubeCommentSchema.safeParse(reply);
          if (parsed.success) result.items.push(itemOfComment(parsed.data, videoId));
          else result.rejected.push(rejection(index, parsed.error));
        }
      } else {
        const url = this.client.urlOf('comments', {
          part: 'snippet',
          parentId: thread.data.id,
          maxResults: '100',
          textFormat: 'plainText',
        });
        result.tasks.push({ videoId, parentId: thread.data.id, url });
      }
    });
    return result;
  }

  private threadsUrl(videoId: string): string {
    return this.client.urlOf('commentThreads', {
      part: 'snippet,replies',
      videoId,
      maxResults: '100',
      order: 'time',
      textFormat: 'plainText',
    });
  }
}

interface Reading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: ThreadTask[];
  next: string | null;
}

function emptyReading(next: string | null): Reading {
  return { items: [], rejected: [], tasks: [], next };
}

function readReplies(response: YoutubeResponse, task: ThreadTask): Reading {
  const reading = listOf(response, `the replies to ${task.parentId}`);
  if (!reading.items) return reading.failed;
  const result = emptyReading(reading.next);
  reading.items.forEach((element, index) => {
    const parsed = YoutubeCommentSchema.safeParse(element);
    if (parsed.success) result.items.push(itemOfComment(parsed.data, task.videoId));
    else result.rejected.push(rejection(index, parsed.error));
  });
  return result;
}

function listOf(
  response: YoutubeResponse,
  what: string,
): { items: unknown[]; next: string | null; failed?: never } | { items?: never; failed: Reading } {
  const list = YoutubeListSchema.safeParse(jsonOf(response));
  if (!list.success) {
    const reason = `${what} is not a YouTube list: ${list.error.issues[0].message}`;
    return { failed: { items: [], rejected: [{ itemIndex: null, reason }], tasks: [], next: null } };
  }
  return { items: list.data.items, next: list.data.nextPageToken ?? null };
}

function rejection(index: number, error: z.ZodError): RejectedPayload {
  const issue = error.issues[0];
  return { itemIndex: index, reason: `items[${index}].${issue.path.join('.')}: ${issue.message}` };
}

function withPageToken(url: string, pageToken: string): string {
  const next = new URL(url);
  next.searchParams.set('pageToken', pageToken);
  return next.toString();
}

function pageOf(response: YoutubeResponse, reading: Reading, next: YoutubeCursor): ConnectorPage {
  const done = next.listing === null && next.tasks.length === 0;
  return {
    raw: response.raw,
    contentType: response.contentType,
    source: response.url,
    items: reading.items,
    rejected: reading.rejected,
    nextCursor: done ? null : encodeToken(next),
  };
}
