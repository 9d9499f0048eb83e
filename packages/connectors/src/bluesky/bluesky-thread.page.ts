import type { PlatformItem, RejectedPayload } from '@verbatim/core';
import { jsonOf } from '../http/platform-http';
import { PostThreadEnvelopeSchema, ThreadViewPostSchema } from './bluesky-payload.schema';
import { itemOfPost } from './bluesky-post.mapper';

const NOT_FOUND = 'app.bsky.feed.defs#notFoundPost';
const BLOCKED = 'app.bsky.feed.defs#blockedPost';

export interface ThreadRead {
  items: PlatformItem[];
  rejected: RejectedPayload[];
}

/**
 * Reads a `getPostThread` answer into the anchor's replies at every depth, flattened; each reply's parent is
 * the direct parent its record names. Nodes are numbered in a pre-order walk of `thread` (the anchor is 0),
 * and a malformed node is rejected with its number while the rest of the thread is kept. `notFoundPost`
 * (a deleted reply) and `blockedPost` (hidden from the public view) carry no content, nor their sub-threads.
 * The anchor and the anchor author's own replies are not returned: the author feed lists them, so each item
 * is read once a pass.
 */
export function readPostThread(raw: Uint8Array, cdnUrl: string): ThreadRead {
  const envelope = PostThreadEnvelopeSchema.safeParse(jsonOf({ raw }));
  if (!envelope.success) {
    const reason = `unreadable getPostThread answer: ${envelope.error.issues[0].message}`;
    return { items: [], rejected: [{ itemIndex: null, reason }] };
  }
  const read: ThreadRead = { items: [], rejected: [] };
  const pending: unknown[] = [envelope.data.thread];
  let anchorAuthor: string | undefined;
  for (let itemIndex = 0; pending.length > 0; itemIndex++) {
    const node = pending.pop();
    const type = (node as { $type?: unknown } | null)?.$type;
    if (type === NOT_FOUND || type === BLOCKED) continue;
    const parsed = ThreadViewPostSchema.safeParse(node);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      read.rejected.push({ itemIndex, reason: `thread node: ${issue.path.join('.')}: ${issue.message}` });
      continue;
    }
    // Pushed in reverse so they are walked in the order the platform gave them.
    pending.push(...(parsed.data.replies ?? []).toReversed());
    if (itemIndex === 0) anchorAuthor = parsed.data.post.author.did;
    if (parsed.data.post.author.did === anchorAuthor) continue;
    try {
      read.items.push(itemOfPost(parsed.data.post, cdnUrl));
    } catch (error) {
      read.rejected.push({ itemIndex, reason: `thread node: ${(error as Error).message}` });
    }
  }
  return read;
}
