import { hashInts } from './prng';

/** Posts keep receiving new comments for this many passes after they appear. */
export const RECENT_STEPS = 3;
/** Threads nest comment → reply → reply: depth 1..3 below the post (depth 0). */
export const MAX_DEPTH = 3;

/** Bound once: under jest's vm sandbox every global lookup (`Math`) in a hot loop costs hundreds of ns. */
const { floor, min } = Math;

const SALT_BASE_COMMENTS = 11;
const SALT_EXTRA_COMMENTS = 12;
const SALT_PARENT = 13;
/** Share of comments that start a new top-level thread instead of answering a recent comment (out of 256). */
const TOP_LEVEL_SHARE_256 = 100;
/** A reply answers one of the last few comments, as people do in a live thread. */
const REPLY_WINDOW = 4;

/** Where an item sits in the deterministic listing order: post `post`, then its comments by index. */
export interface MockPosition {
  post: number;
  /** -1 is the post itself; 0.. are its comments in creation order. */
  comment: number;
}

/**
 * The shape of the simulated page: which posts and comments exist at a step, when each was created and how the
 * comments nest. Every answer is O(1) from hashes (threads are O(comments of one post)), so nothing is stored.
 */
export class MockLayout {
  /** Upper bound on the comments one post can ever have: base plus extras over RECENT_STEPS passes. */
  readonly maxCommentsEver: number;
  private readonly extraMax: number;

  constructor(
    readonly seedHash: number,
    private readonly initialPosts: number,
    private readonly newPostsPerStep: number,
    private readonly maxCommentsPerPost: number,
  ) {
    this.extraMax = floor(maxCommentsPerPost / 4);
    this.maxCommentsEver = maxCommentsPerPost + RECENT_STEPS * this.extraMax;
  }

  /** How many posts have been created by `step` (deleted ones included). */
  postCount(step: number): number {
    return step < 1 ? 0 : this.initialPosts + (step - 1) * this.newPostsPerStep;
  }

  /** The step at which post `post` appears. */
  postCreatedStep(post: number): number {
    if (post < this.initialPosts) return 1;
    return 2 + floor((post - this.initialPosts) / this.newPostsPerStep);
  }

  /** The hash an item's content and fate derive from; `comment` -1 is the post. */
  itemHash(post: number, comment: number): number {
    return hashInts(this.seedHash, post, comment + 1);
  }

  /**
   * Fills `out[k]` with the number of comments post `post` has k passes after it appeared (k = 0..RECENT_STEPS):
   * a base thread at creation, then a few new comments on each of the next passes while the post is recent.
   */
  commentBoundaries(post: number, out: Int32Array): void {
    const postHash = this.itemHash(post, -1);
    let count = hashInts(postHash, SALT_BASE_COMMENTS) % (this.maxCommentsPerPost + 1);
    out[0] = count;
    for (let k = 1; k <= RECENT_STEPS; k++) {
      count += hashInts(postHash, SALT_EXTRA_COMMENTS, k) % (this.extraMax + 1);
      out[k] = count;
    }
  }

  /** Comments (deleted ones included) that post `post` has at `step`, given its boundaries. */
  static commentCountAt(boundaries: Int32Array, postCreated: number, step: number): number {
    if (step < postCreated) return 0;
    return boundaries[min(step - postCreated, RECENT_STEPS)];
  }

  /** The step at which comment `comment` appeared, given its post's boundaries. */
  static commentCreatedStep(boundaries: Int32Array, postCreated: number, comment: number): number {
    let k = 0;
    while (k < RECENT_STEPS && comment >= boundaries[k]) k++;
    return postCreated + k;
  }

  /**
   * Fills parents (-1 = the post) and depths (1..MAX_DEPTH) of comments 0..count-1 of post `post`. A comment
   * either starts a thread or answers one of the last few comments; an answer to a depth-3 reply goes to that
   * reply's parent instead, as Facebook flattens deep threads.
   */
  fillThreads(post: number, count: number, parents: Int32Array, depths: Int8Array): void {
    for (let comment = 0; comment < count; comment++) {
      const roll = hashInts(this.seedHash ^ SALT_PARENT, post, comment);
      if (comment === 0 || (roll & 0xff) < TOP_LEVEL_SHARE_256) {
        parents[comment] = -1;
        depths[comment] = 1;
        continue;
      }
      let parent = comment - 1 - ((roll >>> 8) % min(comment, REPLY_WINDOW));
      if (depths[parent] >= MAX_DEPTH) parent = parents[parent];
      parents[comment] = parent;
      depths[comment] = depths[parent] + 1;
    }
  }
}
