import type { Author, PlatformItem, RejectedPayload } from '@verbatim/core';
import type { z } from 'zod';
import { jsonOf } from '../http/platform-http';
import type { GraphResponse } from '../graph/graph-client';
import { GraphListSchema, nextPageOf } from '../graph/graph-paging';
import type { CommentsTask } from './facebook-cursor';
import type { SignedMediaLink } from '../graph/signed-link-memory';
import { itemOfComment, itemOfPost } from './facebook-items';
import { FacebookCommentSchema, FacebookPostSchema } from './facebook-payload.schema';

/** What one response yields: items, rejects, signed media links met, and where the list goes on. */
export interface PageReading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  links: SignedMediaLink[];
  /** Posts whose comments must be read (from a listing page). */
  tasks: CommentsTask[];
  /** The list's next page, or null at its end. */
  next: string | null;
}

export function emptyReading(): PageReading {
  return { items: [], rejected: [], links: [], tasks: [], next: null };
}

/**
 * A page of `published_posts`. Each post is an item; each with comments (or whose count Graph did not give)
 * gets a task for its comments, made by `commentsUrl`.
 */
export function readPostsPage(
  response: GraphResponse,
  page: Author,
  commentsUrl: (postId: string) => string,
): PageReading {
  const list = GraphListSchema.safeParse(jsonOf(response));
  if (!list.success) return unreadable(`the published_posts page is not a Graph list: ${list.error.issues[0].message}`);
  const reading = emptyReading();
  list.data.data.forEach((element, index) => {
    const post = parseItem(FacebookPostSchema, element, `data[${index}]`, index, reading);
    if (!post) return;
    const { item, links } = itemOfPost(post, page);
    reading.items.push(item);
    reading.links.push(...links);
    if (post.comments?.summary?.total_count !== 0) reading.tasks.push({ postId: post.id, url: commentsUrl(post.id) });
  });
  reading.next = nextPageOf(list.data);
  return reading;
}

/**
 * A page of a post's comments (`filter=stream`: replies flattened in, each with its `parent`). A post deleted
 * between its listing and this request answers 100/33: nothing to read, and nothing concluded from it.
 */
export function readCommentsPage(response: GraphResponse, postId: string): PageReading {
  if (response.error) return emptyReading();
  const list = GraphListSchema.safeParse(jsonOf(response));
  if (!list.success)
    return unreadable(`the comments of ${postId} are not a Graph list: ${list.error.issues[0].message}`);
  const reading = emptyReading();
  list.data.data.forEach((element, index) => {
    const comment = parseItem(FacebookCommentSchema, element, `data[${index}]`, index, reading);
    if (!comment) return;
    const { item, links } = itemOfComment(comment, postId);
    reading.items.push(item);
    reading.links.push(...links);
  });
  reading.next = nextPageOf(list.data);
  return reading;
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

function unreadable(reason: string): PageReading {
  return { ...emptyReading(), rejected: [{ itemIndex: null, reason }] };
}
