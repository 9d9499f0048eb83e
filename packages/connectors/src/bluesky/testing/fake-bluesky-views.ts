import { hashInts } from '../../mock/prng';
import { REPOSTED, ROOT, TOWN, type FakeBlueskyWorld, type FakeKey, type FakePost } from './fake-bluesky-world';

const DEFS = 'app.bsky.feed.defs';

/** How the fake shapes its answers beyond the world itself: the defects a test asks for. */
export interface FakeViewOptions {
  /** Where image links point (the fake's own address). */
  cdnUrl: string;
  /** Posts (by index n) whose feed item is served malformed: its `post.uri` is a number. */
  malformedPosts: ReadonlySet<number>;
  /** About one feed page in N is served empty, still with a cursor, before the real one; 0 for never. */
  emptyPageEvery: number;
}

/**
 * The lexicons' JSON views (`app.bsky.feed.defs#postView`, `#feedViewPost`, `#threadViewPost`, …) of the world
 * at its current step, built when asked.
 */
export class FakeBlueskyViews {
  constructor(
    private readonly world: FakeBlueskyWorld,
    private readonly options: FakeViewOptions,
  ) {}

  /**
   * One `getAuthorFeed` page, newest first. The cursor is the time of the oldest post scanned (posts older than
   * it come next); a page scans `limit` posts, so deleted ones make it short. Each post is followed by the town's
   * replies in its thread and, every `repostEvery` posts, by a repost of a resident's post.
   */
  authorFeed(cursor: string | undefined, limit: number): object {
    const [time, emptyServed] = (cursor ?? this.world.rootTime(this.world.postCount())).split('~');
    const start = (this.world.rootIndexAt(time) ?? 0) - 1;
    const every = this.options.emptyPageEvery;
    if (start >= 0 && every > 0 && emptyServed === undefined && hashInts(start, 0xe3) % every === 0) {
      return { cursor: `${time}~e`, feed: [] };
    }
    const feed: object[] = [];
    let n = start;
    for (let scanned = 0; n >= 0 && scanned < limit; scanned++, n--) {
      const unit = this.feedUnit(n);
      if (feed.length > 0 && feed.length + unit.length > limit) break;
      feed.push(...unit);
    }
    return n >= 0 ? { cursor: this.world.rootTime(n + 1), feed } : { feed };
  }

  /** A `getPostThread` answer for a post that exists and is not deleted. */
  thread(key: FakeKey, depth: number, parentHeight: number): object {
    const post = this.world.post(key)!;
    if (post.blocked) return { thread: this.blocked(post) };
    const thread = this.node(post, depth) as Record<string, unknown>;
    let child = thread;
    for (let height = 0, at = post; height < parentHeight && at.parentUri !== undefined; height++) {
      const parent = this.world.post(this.world.keyOf(at.parentUri)!)!;
      child.parent = parent.deleted ? this.notFound(parent) : this.node(parent, 0);
      if (parent.deleted) break;
      [child, at] = [child.parent as Record<string, unknown>, parent];
    }
    return { thread };
  }

  postView(post: FakePost): object {
    const { world } = this;
    const record: Record<string, unknown> = {
      $type: 'app.bsky.feed.post',
      createdAt: post.createdAt,
      langs: ['en'],
      text: post.text,
    };
    if (post.parentUri !== undefined) {
      const root = world.post({ n: post.n, j: ROOT })!;
      const parent = world.post(world.keyOf(post.parentUri)!)!;
      record.reply = { parent: { cid: parent.cid, uri: parent.uri }, root: { cid: root.cid, uri: root.uri } };
    }
    const view: Record<string, unknown> = {
      uri: post.uri,
      cid: post.cid,
      author: this.profile(post.author),
      record,
    };
    if (post.imageCids.length > 0) {
      const did = world.didOfAuthor(post.author);
      const aspectRatio = { height: 800, width: 1200 };
      record.embed = {
        $type: 'app.bsky.embed.images',
        images: post.imageCids.map((cid, index) => ({
          alt: `Photo ${index + 1}`,
          aspectRatio,
          image: { $type: 'blob', ref: { $link: cid }, mimeType: 'image/jpeg', size: 48_213 + index },
        })),
      };
      view.embed = {
        $type: 'app.bsky.embed.images#view',
        images: post.imageCids.map((cid, index) => ({
          thumb: `${this.options.cdnUrl}/img/feed_thumbnail/plain/${did}/${cid}@jpeg`,
          fullsize: `${this.options.cdnUrl}/img/feed_fullsize/plain/${did}/${cid}@jpeg`,
          alt: `Photo ${index + 1}`,
          aspectRatio,
        })),
      };
    }
    const counts = hashInts(post.n, post.j + 2, 0xc0);
    Object.assign(view, {
      replyCount: world.replyCountOf(post),
      repostCount: counts % 5,
      likeCount: (counts >>> 4) % 40,
      quoteCount: 0,
      indexedAt: post.indexedAt,
      labels: [],
    });
    return view;
  }

  private feedUnit(n: number): object[] {
    const { world } = this;
    const unit: object[] = [];
    const root = world.post({ n, j: ROOT })!;
    if (!root.deleted) {
      const item = { post: this.postView(root) };
      if (this.options.malformedPosts.has(n)) (item.post as Record<string, unknown>).uri = 12345;
      unit.push(item);
    }
    for (let j = world.replyTotal(n) - 1; j >= 0; j--) {
      const reply = world.post({ n, j });
      if (reply !== undefined && !reply.deleted && reply.author === TOWN) unit.push({ post: this.postView(reply) });
    }
    const every = world.options.repostEvery;
    const reposted = every > 0 && n % every === 0 ? world.post({ n, j: REPOSTED }) : undefined;
    if (reposted !== undefined && !reposted.deleted) {
      const reason = { $type: `${DEFS}#reasonRepost`, by: this.profile(TOWN), indexedAt: root.createdAt };
      unit.push({ post: this.postView(reposted), reason });
    }
    return unit;
  }

  private node(post: FakePost, depth: number): object {
    const node: Record<string, unknown> = { $type: `${DEFS}#threadViewPost`, post: this.postView(post) };
    if (depth <= 0) return node;
    node.replies = this.world.childrenOf(post).map((j) => {
      const reply = this.world.post({ n: post.n, j })!;
      if (reply.deleted) return this.notFound(reply);
      if (reply.blocked) return this.blocked(reply);
      return this.node(reply, depth - 1);
    });
    return node;
  }

  private notFound(post: FakePost): object {
    return { $type: `${DEFS}#notFoundPost`, uri: post.uri, notFound: true };
  }

  private blocked(post: FakePost): object {
    return {
      $type: `${DEFS}#blockedPost`,
      uri: post.uri,
      blocked: true,
      author: { did: this.world.didOfAuthor(post.author), viewer: { blockedBy: false } },
    };
  }

  private profile(author: number): object {
    const { world } = this;
    return {
      did: world.didOfAuthor(author),
      handle: world.handleOf(author),
      displayName: world.displayNameOf(author),
      labels: [],
    };
  }
}
