import { ROOT, TOWN, type FakeBlueskyWorld, type FakePost } from './fake-bluesky-world';

/**
 * What a full pass over the town's account can see at the world's current step, each item once: the town's
 * live posts and its live replies (listed in its feed), and the replies reachable in a live post's thread
 * through live, unblocked parents. Reposts of residents' posts are not the town's and are not included.
 * Walks every post: for tests on small worlds.
 */
export function* visiblePosts(world: FakeBlueskyWorld): Generator<FakePost> {
  for (let n = 0; n < world.postCount(); n++) {
    const seen = new Set<number>();
    const root = world.post({ n, j: ROOT })!;
    if (!root.deleted) {
      yield root;
      const pending = world.replyCountOf(root) > 0 ? world.childrenOf(root) : [];
      while (pending.length > 0) {
        const reply = world.post({ n, j: pending.shift()! })!;
        if (reply.deleted || reply.blocked) continue;
        seen.add(reply.j);
        yield reply;
        pending.push(...world.childrenOf(reply));
      }
    }
    for (let j = 0; j < world.replyTotal(n); j++) {
      const reply = world.post({ n, j });
      if (reply && !reply.deleted && reply.author === TOWN && !seen.has(j)) yield reply;
    }
  }
}

/** Every item ever created by now, deleted ones included (for tests on small worlds). */
export function* everyPost(world: FakeBlueskyWorld): Generator<FakePost> {
  for (let n = 0; n < world.postCount(); n++) {
    yield world.post({ n, j: ROOT })!;
    for (let j = 0; j < world.replyTotal(n); j++) {
      const reply = world.post({ n, j });
      if (reply) yield reply;
    }
  }
}
