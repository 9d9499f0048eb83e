import { hashInts, hashUnit } from '../../mock/prng';

/** Settings of the fake Page; everything it serves is a function of these and the step. */
export interface FakeFacebookOptions {
  seed: number;
  /** Posts that exist at step 0. A 100,000-post Page costs nothing until asked: posts are computed. */
  posts: number;
  /** Posts published at each later step (default 2, at most 5). */
  newPostsPerStep?: number;
  /** Comments a post has when published: 0..max (default 4, at most 12). */
  maxCommentsPerPost?: number;
  /** Chance that a post gets one new comment at a step (default 0.2). */
  newCommentRate?: number;
  /** Chance that a post or comment has its message edited at each step after its first (default 0.05). */
  editRate?: number;
  /** Chance that a post or comment is deleted at each step after its first (default 0.02). */
  deleteRate?: number;
  /** Chance that the Page hides a comment when it is posted, and at each later step (default 0.05). */
  hideRate?: number;
  /** Fraction of posts with photos; a quarter of those are albums of 3 (default 0.2). */
  mediaRate?: number;
}

/** A post (`comment` -1) or one of its comments, numbered in creation order. */
export interface PageRef {
  post: number;
  comment: number;
}

export const FAKE_PAGE_ID = '104000000000001';
export const FAKE_PAGE_NAME = 'Town of X';
const EPOCH = Date.parse('2025-01-01T00:00:00.000Z');
const MINUTE = 60_000;
/** A step is an hour: its posts go up eight minutes apart, their first comments a minute apart. */
const STEP_MS = 60 * MINUTE;
const POST_BASE = 500_000_000_000_000;
const COMMENT_BASE = 900_000_000_000;
const MAX_COMMENTS = 999;
const SALT = { comments: 1, newComment: 2, parent: 3, author: 4, edit: 5, delete: 6, hide: 7, media: 8, hide0: 9 };

/**
 * The fake Page's world over simulated time. Step 0 is the Page as first seen; each step is an hour in which
 * posts go up, residents comment and reply, and the Page's team edits, hides and deletes. Any object at any
 * step is computed from the seed alone (cost grows with the step number, not the Page's size).
 */
export class FakeFacebookPage {
  readonly seed: number;
  readonly initialPosts: number;
  readonly newPostsPerStep: number;
  readonly maxComments: number;
  readonly newCommentRate: number;
  readonly editRate: number;
  readonly deleteRate: number;
  readonly hideRate: number;
  readonly mediaRate: number;

  constructor(options: FakeFacebookOptions) {
    this.seed = options.seed;
    this.initialPosts = options.posts;
    this.newPostsPerStep = Math.min(5, options.newPostsPerStep ?? 2);
    this.maxComments = Math.min(12, options.maxCommentsPerPost ?? 4);
    this.newCommentRate = options.newCommentRate ?? 0.2;
    this.editRate = options.editRate ?? 0.05;
    this.deleteRate = options.deleteRate ?? 0.02;
    this.hideRate = options.hideRate ?? 0.05;
    this.mediaRate = options.mediaRate ?? 0.2;
  }

  /** The Page's clock at a step. */
  timeOf(step: number): number {
    return EPOCH + this.initialPosts * 10 * MINUTE + 20 * MINUTE + step * STEP_MS;
  }

  postCount(step: number): number {
    return this.initialPosts + step * this.newPostsPerStep;
  }

  postBornStep(post: number): number {
    return post < this.initialPosts ? 0 : Math.floor((post - this.initialPosts) / this.newPostsPerStep) + 1;
  }

  postCreated(post: number): number {
    if (post < this.initialPosts) return EPOCH + post * 10 * MINUTE;
    const born = this.postBornStep(post);
    return this.timeOf(born - 1) + (((post - this.initialPosts) % this.newPostsPerStep) + 1) * 8 * MINUTE;
  }

  postIdOf(post: number): string {
    return `${FAKE_PAGE_ID}_${POST_BASE + post}`;
  }

  idOf(ref: PageRef): string {
    return ref.comment < 0 ? this.postIdOf(ref.post) : `${POST_BASE + ref.post}_${COMMENT_BASE + ref.comment}`;
  }

  /** The object an id names, or null for an id this Page never issued. */
  refOf(id: string): PageRef | null {
    const match = /^(\d{1,20})_(\d{1,20})$/.exec(id);
    if (!match) return null;
    if (match[1] === FAKE_PAGE_ID) {
      const post = Number(match[2]) - POST_BASE;
      return post >= 0 && Number.isSafeInteger(post) ? { post, comment: -1 } : null;
    }
    const post = Number(match[1]) - POST_BASE;
    const comment = Number(match[2]) - COMMENT_BASE;
    return post >= 0 && comment >= 0 && comment <= MAX_COMMENTS ? { post, comment } : null;
  }

  /** Photos of a post: 0, 1, or an album of 3. */
  photoCount(post: number): number {
    if (hashUnit(this.seed ^ SALT.media, post) >= this.mediaRate) return 0;
    return hashInts(this.seed ^ SALT.media, post, 1) % 4 === 0 ? 3 : 1;
  }

  /** Creation times of a post's comments that exist by `step`, in creation order. */
  commentTimes(post: number, step: number): number[] {
    const born = this.postBornStep(post);
    if (born > step || post >= this.postCount(step)) return [];
    const initial = hashInts(this.seed ^ SALT.comments, post) % (this.maxComments + 1);
    const times = Array.from({ length: initial }, (_, comment) => this.postCreated(post) + (comment + 1) * MINUTE);
    for (let at = born + 1; at <= step && times.length < MAX_COMMENTS; at++) {
      if (hashUnit(this.seed ^ SALT.newComment, post, at) < this.newCommentRate)
        times.push(this.timeOf(at) - 5 * MINUTE);
    }
    return times;
  }

  /** -1 for a top-level comment, else the top-level comment it replies to (Facebook threads two levels deep). */
  parentOf(post: number, comment: number): number {
    if (comment === 0) return -1;
    const roll = hashInts(this.seed ^ SALT.parent, post, comment);
    if (roll % 3 !== 0) return -1;
    const candidate = (roll >>> 2) % comment;
    const above = this.parentOf(post, candidate);
    return above === -1 ? candidate : above;
  }

  residentOf(ref: PageRef): number {
    return hashInts(this.seed ^ SALT.author, ref.post, ref.comment) % 40;
  }

  created(ref: PageRef, step: number): number | undefined {
    return ref.comment < 0 ? this.postCreated(ref.post) : this.commentTimes(ref.post, step)[ref.comment];
  }

  /** The step by which the object exists (a comment is born in the step its time falls in). */
  bornStep(ref: PageRef, step: number): number {
    const born = this.postBornStep(ref.post);
    if (ref.comment < 0) return born;
    const time = this.commentTimes(ref.post, step)[ref.comment];
    let at = born;
    while (this.timeOf(at) < time) at++;
    return at;
  }

  /** Created by `step` and not deleted since; a comment also needs its post and its parent. */
  exists(ref: PageRef, step: number): boolean {
    if (ref.post < 0 || ref.post >= this.postCount(step)) return false;
    if (ref.comment >= 0) {
      if (this.created(ref, step) === undefined || !this.exists({ post: ref.post, comment: -1 }, step)) return false;
      const parent = this.parentOf(ref.post, ref.comment);
      if (parent >= 0 && !this.exists({ post: ref.post, comment: parent }, step)) return false;
    }
    return this.firstRoll(SALT.delete, this.deleteRate, ref, step) === null;
  }

  /** How many times the message was edited by `step`. */
  editCount(ref: PageRef, step: number): number {
    let edits = 0;
    for (let at = this.bornStep(ref, step) + 1; at <= step; at++) {
      if (hashUnit(this.seed ^ SALT.edit, this.keyOf(ref), at) < this.editRate) edits++;
    }
    return edits;
  }

  /** Whether the Page hid the comment by `step` (hidden when posted, or later; never unhidden here). */
  isHidden(ref: PageRef, step: number): boolean {
    if (ref.comment < 0) return false;
    if (hashUnit(this.seed ^ SALT.hide0, this.keyOf(ref)) < this.hideRate) return true;
    return this.firstRoll(SALT.hide, this.hideRate, ref, step) !== null;
  }

  /** Comments of a post that exist at `step`, in creation order. */
  liveComments(post: number, step: number): number[] {
    const count = this.commentTimes(post, step).length;
    const live: number[] = [];
    for (let comment = 0; comment < count; comment++) {
      if (this.exists({ post, comment }, step)) live.push(comment);
    }
    return live;
  }

  private firstRoll(salt: number, rate: number, ref: PageRef, step: number): number | null {
    for (let at = this.bornStep(ref, step) + 1; at <= step; at++) {
      if (hashUnit(this.seed ^ salt, this.keyOf(ref), at) < rate) return at;
    }
    return null;
  }

  private keyOf(ref: PageRef): number {
    return ref.post * 1000 + ref.comment + 1;
  }
}
