import type { Author, PlatformItem, RejectedPayload } from '@verbatim/core';
import { z } from 'zod';
import { jsonOf } from '../http/platform-http';
import type { GraphResponse } from '../graph/graph-client';
import { GraphListSchema, nextPageOf, type GraphList } from '../graph/graph-paging';
import type { SignedMediaLink } from '../graph/signed-link-memory';
import type { ThreadTask } from './instagram-cursor';
import { itemOfComment, itemOfMedia } from './instagram-items';
import { InstagramCommentSchema, InstagramMediaSchema } from './instagram-payload.schema';

/** What one response yields: items, rejects, signed media links met, and where the list goes on. */
export interface PageReading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  links: SignedMediaLink[];
  /** Comment or reply pages this page asks to read (first pages of media, rest of a comment's replies). */
  tasks: ThreadTask[];
  /** The list's next page, or null at its end. */
  next: string | null;
}

/** How the reader makes the URLs of the pages it finds it must read. */
export interface ThreadUrls {
  comments(mediaId: string): string;
  /** Replies of a comment after Graph's cursor `after` (those before it came nested in the comment). */
  replies(commentId: string, after: string | undefined): string;
}

export function emptyReading(): PageReading {
  return { items: [], rejected: [], links: [], tasks: [], next: null };
}

/** A page of `/{ig-user-id}/media`. Each media is an item; each with comments (or no count) gets a task. */
export function readMediaPage(response: GraphResponse, account: Author, urls: ThreadUrls): PageReading {
  const list = listOf(response, 'the media page');
  if ('rejected' in list) return list;
  const reading = emptyReading();
  list.data.forEach((element, index) => {
    const media = parseItem(InstagramMediaSchema, element, `data[${index}]`, index, reading);
    if (!media) return;
    const { item, links } = itemOfMedia(media, account);
    reading.items.push(item);
    reading.links.push(...links);
    if (media.comments_count !== 0) reading.tasks.push({ mediaId: media.id, url: urls.comments(media.id) });
  });
  reading.next = nextPageOf(list);
  return reading;
}

const NestedRepliesSchema = GraphListSchema;

/**
 * A page of a media's top-level comments, each with its first replies nested (`replies{…}`). A comment whose
 * nested replies go on (`paging.next`) gets a task for `/{comment-id}/replies` from Graph's cursor. A media
 * deleted between its listing and this request answers 100/33: nothing to read, and nothing concluded from it.
 */
export function readCommentsPage(response: GraphResponse, mediaId: string, urls: ThreadUrls): PageReading {
  if (response.error) return emptyReading();
  const list = listOf(response, `the comments of ${mediaId}`);
  if ('rejected' in list) return list;
  const reading = emptyReading();
  list.data.forEach((element, index) => {
    const comment = parseItem(InstagramCommentSchema, element, `data[${index}]`, index, reading);
    if (!comment) return;
    reading.items.push(itemOfComment(comment, mediaId));
    const nested = NestedRepliesSchema.safeParse((element as { replies?: unknown }).replies);
    if (!nested.success) return;
    nested.data.data.forEach((replyElement, replyIndex) => {
      const label = `data[${index}].replies.data[${replyIndex}]`;
      const reply = parseItem(InstagramCommentSchema, replyElement, label, index, reading);
      if (reply) reading.items.push(itemOfComment(reply, mediaId, comment.id));
    });
    if (nextPageOf(nested.data)) {
      const after = nested.data.paging?.cursors?.after;
      reading.tasks.push({ mediaId, commentId: comment.id, url: urls.replies(comment.id, after) });
    }
  });
  reading.next = nextPageOf(list);
  return reading;
}

/** A page of `/{comment-id}/replies`; a comment deleted meanwhile answers 100/33 and yields nothing. */
export function readRepliesPage(response: GraphResponse, mediaId: string, commentId: string): PageReading {
  if (response.error) return emptyReading();
  const list = listOf(response, `the replies to ${commentId}`);
  if ('rejected' in list) return list;
  const reading = emptyReading();
  list.data.forEach((element, index) => {
    const reply = parseItem(InstagramCommentSchema, element, `data[${index}]`, index, reading);
    if (reply) reading.items.push(itemOfComment(reply, mediaId, commentId));
  });
  reading.next = nextPageOf(list);
  return reading;
}

function listOf(response: GraphResponse, what: string): GraphList | PageReading {
  const list = GraphListSchema.safeParse(jsonOf(response));
  if (list.success) return list.data;
  return {
    ...emptyReading(),
    rejected: [{ itemIndex: null, reason: `${what} is not a Graph list: ${list.error.issues[0].message}` }],
  };
}

function parseItem<T>(
  schema: z.ZodType<T>,
  element: unknown,
  label: string,
  index: number,
  reading: PageReading,
): T | null {
  const parsed = schema.safeParse(element);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  reading.rejected.push({ itemIndex: index, reason: `${label}.${issue.path.join('.')}: ${issue.message}` });
  return null;
}
