import type { PlatformItem, RejectedPayload } from '@verbatim/core';
import type { z } from 'zod';
import { jsonOf, type PlatformResponse } from '../http/platform-http';
import {
  inWindow,
  type DiscoursePass,
  type DiscourseTask,
  type RevisionsTask,
  type VersionContent,
} from './discourse-cursor';
import { contentOfCooked, itemOfPost, sidesOfRevision, titled, type TopicPlace } from './discourse-items';
import {
  DiscoursePostSchema,
  ListedTopicSchema,
  RevisionSchema,
  TopicListSchema,
  TopicPageSchema,
  type DiscoursePost,
} from './discourse-payload.schema';

/** Posts `/t/{id}/posts.json` is asked for at once (Discourse's own chunk size). */
export const POSTS_PER_REQUEST = 20;
/** `post_type` of the notices Discourse writes itself ("closed this topic"): not anyone's words. */
const SMALL_ACTION = 3;

/** What one page gave: items, rejections, work it found, and (for a listing) its next page number. */
export interface Reading {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  tasks: DiscourseTask[];
  nextPage: number | null;
}

export function emptyReading(): Reading {
  return { items: [], rejected: [], tasks: [], nextPage: null };
}

function unreadable(reason: string): Reading {
  return { ...emptyReading(), rejected: [{ itemIndex: null, reason }] };
}

/** A listing page (`/latest.json`, `/c/{slug}/{id}.json`): a topic task per topic, and the next page if any. */
export function readListing(response: PlatformResponse): Reading {
  const page = TopicListSchema.safeParse(jsonOf(response));
  if (!page.success) return unreadable('the page is not a Discourse topic list');
  const reading = emptyReading();
  page.data.topic_list.topics.forEach((element, index) => {
    const topic = parseOne(ListedTopicSchema, element, `topic_list.topics[${index}]`, index, reading);
    if (topic && topic.archetype !== 'private_message')
      reading.tasks.push({ kind: 'topic', topicId: topic.id, slug: topic.slug });
  });
  const more = page.data.topic_list.more_topics_url;
  const next = more ? Number(new URL(more, 'http://forum.invalid').searchParams.get('page')) : NaN;
  reading.nextPage = Number.isInteger(next) && next > 0 ? next : null;
  return reading;
}

/**
 * A topic (`/t/{id}.json`): its inlined posts as items, a task for the rest of its `stream`, and a revisions task
 * for each post edited since the previous pass. A topic deleted (staff see it with `deleted_at`) gives nothing.
 */
export function readTopic(response: PlatformResponse, pass: DiscoursePass, baseUrl: string): Reading {
  const page = TopicPageSchema.safeParse(jsonOf(response));
  if (!page.success) return unreadable('the page is not a Discourse topic');
  if (page.data.deleted_at) return emptyReading();
  const reading = emptyReading();
  const posts = parsePosts(page.data.post_stream.posts, reading);
  // The stream lists posts by number: its head is the first post, even when that post was malformed.
  const firstPostId = posts.find((post) => post.post_number === 1)?.id ?? page.data.post_stream.stream?.[0];
  const topicId = page.data.id ?? posts[0]?.topic_id;
  if (firstPostId === undefined || topicId === undefined) return reading;
  const place: TopicPlace = {
    topicId,
    slug: page.data.slug ?? String(topicId),
    firstPostId,
    title: page.data.title,
    numbers: new Map(),
  };
  emitPosts(posts, place, pass, baseUrl, reading);
  // Every post the page held, read or quarantined: a malformed one is not asked for again.
  const read = new Set(page.data.post_stream.posts.map(idOf));
  const rest = (page.data.post_stream.stream ?? []).filter((id) => !read.has(id));
  if (rest.length > 0) {
    reading.tasks.unshift({
      kind: 'posts',
      topicId,
      slug: place.slug,
      firstPostId,
      ids: rest,
      numbers: [...place.numbers],
    });
  }
  return reading;
}

/** The next posts of a topic (`/t/{id}/posts.json?post_ids[]=`), carrying on with what is left. */
export function readPosts(
  response: PlatformResponse,
  task: Extract<DiscourseTask, { kind: 'posts' }>,
  pass: DiscoursePass,
  baseUrl: string,
): Reading {
  const page = TopicPageSchema.safeParse(jsonOf(response));
  const reading = page.success ? emptyReading() : unreadable("the page is not a Discourse topic's posts");
  const posts = page.success ? parsePosts(page.data.post_stream.posts, reading) : [];
  const place: TopicPlace = { ...task, numbers: new Map(task.numbers) };
  emitPosts(posts, place, pass, baseUrl, reading);
  const rest = task.ids.slice(POSTS_PER_REQUEST);
  if (rest.length > 0) reading.tasks.unshift({ ...task, ids: rest, numbers: [...place.numbers] });
  return reading;
}

/**
 * One revision of an edited post (`/posts/{id}/revisions/{n}.json`): version n (and, at the first revision, the
 * original) is emitted when made in this pass's window. The newest version keeps the topic page's own `cooked`
 * text, so a later pass that sees it unchanged finds the same text. When no version fell in the window (an edit
 * made during the pass), the version current at the pass's start is emitted, to mark the post seen.
 */
export function readRevision(
  response: PlatformResponse | null,
  task: RevisionsTask,
  pass: DiscoursePass,
  baseUrl: string,
): { reading: Reading; task: RevisionsTask | null } {
  const reading = emptyReading();
  const revision = response === null ? null : RevisionSchema.safeParse(jsonOf(response));
  if (revision && !revision.success)
    reading.rejected.push({ itemIndex: null, reason: 'the page is not a Discourse revision' });
  let { previous, fallback, emitted } = task;
  const consider = (version: VersionContent, time: string) => {
    // The newest version by the pass's start; the original when the post was written after it began.
    if (Date.parse(time) <= Date.parse(pass.at) || fallback === null) fallback = version;
    if (inWindow(pass, time)) {
      reading.items.push(versionItem(task.item, version));
      emitted = true;
    }
  };
  if (revision?.success) {
    const sides = revision.data.body_changes ? sidesOfRevision(revision.data.body_changes.side_by_side) : null;
    const content = (cooked: string) => titled(contentOfCooked(cooked, baseUrl), task.title);
    const before: VersionContent =
      previous ?? (sides ? content(sides.before) : { text: task.item.text, attachments: [] });
    if (previous === null) consider(before, task.item.postedAt);
    const editedAt = new Date(revision.data.created_at).toISOString();
    const after = task.next === task.last ? task.item : sides ? content(sides.after) : before;
    previous = { text: after.text, attachments: after.attachments, editedAt };
    consider(previous, editedAt);
  }
  if (task.next < task.last) return { reading, task: { ...task, next: task.next + 1, previous, fallback, emitted } };
  if (!emitted) reading.items.push(fallback ? versionItem(task.item, fallback) : task.item);
  return { reading, task: null };
}

function versionItem(item: PlatformItem, version: VersionContent): PlatformItem {
  const { editedAt: _current, ...rest } = item;
  const result: PlatformItem = { ...rest, text: version.text, attachments: version.attachments };
  if (version.editedAt !== undefined) result.editedAt = version.editedAt;
  return result;
}

function emitPosts(posts: DiscoursePost[], place: TopicPlace, pass: DiscoursePass, baseUrl: string, reading: Reading) {
  const revisions: DiscourseTask[] = [];
  for (const post of posts) {
    place.numbers.set(post.post_number, post.id);
    if (!isArchivable(post)) continue;
    const item = itemOfPost(post, place, baseUrl);
    const editedSince = pass.since === null || Date.parse(post.updated_at ?? post.created_at) > Date.parse(pass.since);
    if (post.version > 1 && editedSince) {
      revisions.push({
        kind: 'revisions',
        postId: post.id,
        next: 2,
        last: post.version,
        item,
        ...(item.kind === 'post' && place.title ? { title: place.title } : {}),
        previous: null,
        fallback: null,
        emitted: false,
      });
    } else reading.items.push(item);
  }
  reading.tasks.unshift(...revisions);
}

/**
 * Not the words of a post now: one deleted (`deleted_at`, shown to staff), one its author deleted (Discourse shows
 * "(post deleted by author)" for a day, then deletes it), a notice Discourse wrote itself, or one flagged away whose
 * text a guest is not shown (`cooked_hidden`). Each keeps its last archived text; a lookup settles deletions.
 */
function isArchivable(post: DiscoursePost): boolean {
  return !post.deleted_at && !post.user_deleted && post.post_type !== SMALL_ACTION && !post.cooked_hidden;
}

function idOf(element: unknown): unknown {
  return typeof element === 'object' && element !== null ? (element as { id?: unknown }).id : undefined;
}

function parsePosts(elements: unknown[], reading: Reading): DiscoursePost[] {
  return elements.flatMap((element, index) => {
    const post = parseOne(DiscoursePostSchema, element, `post_stream.posts[${index}]`, index, reading);
    return post ? [post] : [];
  });
}

function parseOne<T>(schema: z.ZodType<T>, element: unknown, where: string, index: number, reading: Reading): T | null {
  const parsed = schema.safeParse(element);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  reading.rejected.push({ itemIndex: index, reason: `${where}.${issue.path.join('.')}: ${issue.message}` });
  return null;
}
