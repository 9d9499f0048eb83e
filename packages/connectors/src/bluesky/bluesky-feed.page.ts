import type { PlatformItem, RejectedPayload } from '@verbatim/core';
import { jsonOf } from '../http/platform-http';
import { AuthorFeedEnvelopeSchema, FeedViewPostSchema, type PostView } from './bluesky-payload.schema';
import { didOf, itemOfPost } from './bluesky-post.mapper';

const REPOST = 'app.bsky.feed.defs#reasonRepost';

export interface AuthorFeedRead {
  items: PlatformItem[];
  rejected: RejectedPayload[];
  /** The platform's cursor of the next page; undefined at the end of the feed or when the page is unreadable. */
  cursor: string | undefined;
  /** Posts of this page whose reply threads must be read (see `needsThread`). */
  threads: string[];
}

/**
 * Reads one `getAuthorFeed` page from its bytes. Each feed item is validated alone: a malformed one is rejected
 * with its index in `feed` and the others are kept. A page whose envelope is unreadable is rejected whole.
 *
 * Reposts of others' posts are left out of the records: the words are not the town's, and the repost itself
 * has no stable id in the feed view to tombstone when it is undone. They stay in the page's raw capture.
 */
export function readAuthorFeed(raw: Uint8Array, cdnUrl: string): AuthorFeedRead {
  const envelope = AuthorFeedEnvelopeSchema.safeParse(jsonOf({ raw }));
  if (!envelope.success) {
    const reason = `unreadable getAuthorFeed page: ${envelope.error.issues[0].message}`;
    return { items: [], rejected: [{ itemIndex: null, reason }], cursor: undefined, threads: [] };
  }
  const read: AuthorFeedRead = { items: [], rejected: [], cursor: envelope.data.cursor, threads: [] };
  envelope.data.feed.forEach((entry, itemIndex) => {
    const parsed = FeedViewPostSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      read.rejected.push({ itemIndex, reason: `feed item: ${issue.path.join('.')}: ${issue.message}` });
      return;
    }
    if (parsed.data.reason?.$type === REPOST) return;
    try {
      read.items.push(itemOfPost(parsed.data.post, cdnUrl));
    } catch (error) {
      read.rejected.push({ itemIndex, reason: `feed item: ${(error as Error).message}` });
      return;
    }
    if (needsThread(parsed.data.post)) read.threads.push(parsed.data.post.uri);
  });
  return read;
}

/**
 * A post's replies are read from its thread when it has any and no other thread read in the pass holds it:
 * the town's top-level posts, and its replies in threads others started. Its replies within its own threads
 * are in the thread of their root, which is read.
 */
export function needsThread(post: PostView): boolean {
  if (!post.replyCount) return false;
  const root = post.record.reply?.root.uri;
  return root === undefined || didOf(root) !== post.author.did;
}
