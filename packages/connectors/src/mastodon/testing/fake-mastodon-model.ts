import { hashInts, hashUnit } from '../../mock/prng';

/** Settings of the fake instance's one account; everything it serves is a function of these and the step. */
export interface FakeMastodonOptions {
  seed: number;
  /** Posts that exist at step 0. A 100,000-post account costs nothing until asked: statuses are computed. */
  posts: number;
  /** Posts published at each later step (default 2). */
  newPostsPerStep?: number;
  /** Replies a post has when published: 0..max (default 4, at most 12). */
  maxRepliesPerPost?: number;
  /** Chance that a post gets one new reply at a step (default 0.2). */
  newReplyRate?: number;
  /** Chance that a status is edited before step 0, and at each later step (default 0.05). */
  editRate?: number;
  /** Chance that a status is deleted at each step after its first (default 0.02). */
  deleteRate?: number;
  /** Fraction of posts with an image (default 0.2). */
  mediaRate?: number;
  /** Fraction of posts that are followers-only: absent from public listings, taking their place (default 0). */
  privateRate?: number;
  /** Posts [from, to) that are followers-only as well: a run long enough to make a listing page empty. */
  privateRange?: [number, number];
}

/** A status of the account's tree: post `post` itself (`reply` -1) or its reply number `reply`. */
export interface StatusRef {
  post: number;
  reply: number;
}

const EPOCH = Date.parse('2025-01-01T00:00:00.000Z');
const MINUTE = 60_000;
const ID_BASE = 113_000_000_000_000_000n;
const SLOTS_PER_POST = 1000n;
const MAX_REPLIES = 998;
const SALT = { replies: 1, newReply: 2, parent: 3, author: 4, edit0: 5, edit: 6, delete: 7, media: 8, private: 9 };

/**
 * The fake instance's world over simulated time. Step 0 is the account as first seen; each step is a few
 * minutes in which posts are published, residents reply, and statuses are edited and deleted. Any status at
 * any step is computed from the seed alone (cost grows with the step number, not the account's size).
 */
export class FakeMastodonModel {
  readonly seed: number;
  readonly initialPosts: number;
  readonly newPostsPerStep: number;
  readonly maxReplies: number;
  readonly newReplyRate: number;
  readonly editRate: number;
  readonly deleteRate: number;
  readonly mediaRate: number;
  readonly privateRate: number;
  readonly privateRange: [number, number];

  constructor(options: FakeMastodonOptions) {
    this.seed = options.seed;
    this.initialPosts = options.posts;
    this.newPostsPerStep = options.newPostsPerStep ?? 2;
    this.maxReplies = Math.min(12, options.maxRepliesPerPost ?? 4);
    this.newReplyRate = options.newReplyRate ?? 0.2;
    this.editRate = options.editRate ?? 0.05;
    this.deleteRate = options.deleteRate ?? 0.02;
    this.mediaRate = options.mediaRate ?? 0.2;
    this.privateRate = options.privateRate ?? 0;
    this.privateRange = options.privateRange ?? [0, 0];
  }

  /** The instance's clock at a step: a minute after the step's last post. */
  timeOf(step: number): number {
    return EPOCH + (this.initialPosts + step * (this.newPostsPerStep + 1)) * MINUTE;
  }

  postCount(step: number): number {
    return this.initialPosts + step * this.newPostsPerStep;
  }

  postBornStep(post: number): number {
    return post < this.initialPosts ? 0 : Math.floor((post - this.initialPosts) / this.newPostsPerStep) + 1;
  }

  postCreated(post: number): number {
    if (post < this.initialPosts) return EPOCH + post * MINUTE;
    const late = post - this.initialPosts;
    const step = Math.floor(late / this.newPostsPerStep) + 1;
    return (
      EPOCH + (this.initialPosts + (step - 1) * (this.newPostsPerStep + 1) + (late % this.newPostsPerStep) + 1) * MINUTE
    );
  }

  idOf(ref: StatusRef): string {
    return (ID_BASE + BigInt(ref.post) * SLOTS_PER_POST + BigInt(ref.reply + 1)).toString();
  }

  /** The status an id names, or null for an id this instance never issued. */
  refOf(id: string): StatusRef | null {
    if (!/^\d{1,25}$/.test(id)) return null;
    const offset = BigInt(id) - ID_BASE;
    if (offset < 0n) return null;
    return { post: Number(offset / SLOTS_PER_POST), reply: Number(offset % SLOTS_PER_POST) - 1 };
  }

  isPrivate(post: number): boolean {
    const [from, to] = this.privateRange;
    return (post >= from && post < to) || hashUnit(this.seed ^ SALT.private, post) < this.privateRate;
  }

  hasMedia(post: number): boolean {
    return hashUnit(this.seed ^ SALT.media, post) < this.mediaRate;
  }

  /** Creation times of a post's replies that exist by `step` (replies are numbered in creation order). */
  replyTimes(post: number, step: number): number[] {
    const born = this.postBornStep(post);
    if (born > step || post >= this.postCount(step)) return [];
    const initial = hashInts(this.seed ^ SALT.replies, post) % (this.maxReplies + 1);
    const times = Array.from({ length: initial }, (_, reply) => this.postCreated(post) + (reply + 1) * 4000);
    for (let at = born + 1; at <= step && times.length < MAX_REPLIES; at++) {
      if (hashUnit(this.seed ^ SALT.newReply, post, at) < this.newReplyRate) times.push(this.timeOf(at) - 20_000);
    }
    return times;
  }

  /** A reply answers the post or an earlier reply (-1 is the post). */
  parentOf(post: number, reply: number): number {
    if (reply === 0) return -1;
    const roll = hashInts(this.seed ^ SALT.parent, post, reply);
    return roll % 2 === 0 ? -1 : (roll >>> 1) % reply;
  }

  residentOf(post: number, reply: number): number {
    return hashInts(this.seed ^ SALT.author, post, reply) % 50;
  }

  created(ref: StatusRef, step: number): number | undefined {
    return ref.reply < 0 ? this.postCreated(ref.post) : this.replyTimes(ref.post, step)[ref.reply];
  }

  /** Whether the status exists at `step`: created by then and not deleted since. */
  exists(ref: StatusRef, step: number): boolean {
    if (ref.post < 0 || ref.post >= this.postCount(step) || this.postBornStep(ref.post) > step) return false;
    if (ref.reply >= 0 && this.created(ref, step) === undefined) return false;
    const born = ref.reply < 0 ? this.postBornStep(ref.post) : this.replyBornStep(ref, step);
    for (let at = born + 1; at <= step; at++) {
      if (hashUnit(this.seed ^ SALT.delete, this.keyOf(ref), at) < this.deleteRate) return false;
    }
    return true;
  }

  /** Times of the status's edits by `step`, oldest first: maybe one before step 0, then at most one a step. */
  editTimes(ref: StatusRef, step: number): number[] {
    const created = this.created(ref, step)!;
    const born = ref.reply < 0 ? this.postBornStep(ref.post) : this.replyBornStep(ref, step);
    const times: number[] = [];
    if (born === 0 && hashUnit(this.seed ^ SALT.edit0, this.keyOf(ref)) < this.editRate) times.push(created + 2000);
    for (let at = born + 1; at <= step; at++) {
      if (hashUnit(this.seed ^ SALT.edit, this.keyOf(ref), at) < this.editRate) times.push(this.timeOf(at) - 10_000);
    }
    return times;
  }

  /** Replies to show in a thread at `step`: existing, with every reply above them existing too. */
  visibleReplies(post: number, step: number): number[] {
    const count = this.replyTimes(post, step).length;
    const visible = new Set<number>();
    for (let reply = 0; reply < count; reply++) {
      const parent = this.parentOf(post, reply);
      if ((parent === -1 || visible.has(parent)) && this.exists({ post, reply }, step)) visible.add(reply);
    }
    return [...visible];
  }

  private replyBornStep(ref: StatusRef, step: number): number {
    const time = this.replyTimes(ref.post, step)[ref.reply];
    let born = this.postBornStep(ref.post);
    while (this.timeOf(born) < time) born++;
    return born;
  }

  private keyOf(ref: StatusRef): number {
    return ref.post * 1000 + ref.reply + 1;
  }
}
