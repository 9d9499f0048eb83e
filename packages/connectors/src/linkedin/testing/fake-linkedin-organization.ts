import { hashUnit } from '../../mock/prng';

/** Settings of the fake organization; everything it serves is a function of these and the step. */
export interface FakeLinkedinOptions {
  seed: number;
  /** Posts that exist at step 0, an hour apart. */
  posts: number;
  /** Posts at each later step (default 1). */
  newPostsPerStep?: number;
  /** Comments a post has when posted: 0..max (default 4). */
  maxCommentsPerPost?: number;
  /** Replies a comment has: 0..max (default 3; LinkedIn nests one level). */
  maxRepliesPerComment?: number;
  /** Chance that a post gets a new comment at each later step (default 0.3). */
  newCommentRate?: number;
  /** Chance that a post or comment is edited at each step after its first (default 0.1). */
  editRate?: number;
  /** Chance that a post or comment is deleted at each step after its first (default 0.03). */
  deleteRate?: number;
  /** Fraction of posts with an image (default 0.2). */
  imageRate?: number;
}

/** A comment: top-level when `reply` is -1. */
export interface CommentRef {
  post: number;
  comment: number;
  reply: number;
}

const EPOCH = Date.parse('2025-05-05T14:00:00.000Z');
const HOUR = 3_600_000;
const POST_BASE = 7_100_000_000_000;
const COMMENT_BASE = 8_000_000_000_000;
const SALT = { comments: 1, replies: 2, newComment: 3, edit: 4, delete: 5, image: 6, byTown: 7 };
export const FAKE_ORGANIZATION_ID = '10203040';
export const FAKE_ORGANIZATION_NAME = 'Town of X';
export const FAKE_ORGANIZATION_URN = `urn:li:organization:${FAKE_ORGANIZATION_ID}`;

/** The fake organization over simulated time: post `n` is published an hour after post `n - 1`. */
export class FakeLinkedinOrganization {
  readonly options: Required<FakeLinkedinOptions>;

  constructor(options: FakeLinkedinOptions) {
    this.options = {
      newPostsPerStep: 1,
      maxCommentsPerPost: 4,
      maxRepliesPerComment: 3,
      newCommentRate: 0.3,
      editRate: 0.1,
      deleteRate: 0.03,
      imageRate: 0.2,
      ...options,
    };
  }

  postCount(step: number): number {
    return this.options.posts + step * this.options.newPostsPerStep;
  }

  timeOf(step: number): number {
    return EPOCH + this.postCount(step) * HOUR;
  }

  postUrn(n: number): string {
    return `urn:li:share:${POST_BASE + n}`;
  }

  activityUrn(n: number): string {
    return `urn:li:activity:${POST_BASE + n}`;
  }

  /** The post of a share, ugcPost or activity URN (the fake gives a post's activity its number). */
  postOf(urn: string): number | null {
    const match = /^urn:li:(share|ugcPost|activity):(\d+)$/.exec(urn);
    return match ? Number(match[2]) - POST_BASE : null;
  }

  commentId(ref: CommentRef): string {
    return String(COMMENT_BASE + (ref.post * 100 + ref.comment) * 10 + ref.reply + 1);
  }

  commentUrn(ref: CommentRef): string {
    return `urn:li:comment:(${this.activityUrn(ref.post)},${this.commentId(ref)})`;
  }

  refOf(commentId: string): CommentRef | null {
    const value = Number(commentId) - COMMENT_BASE;
    if (!/^\d+$/.test(commentId) || value < 0) return null;
    return { post: Math.floor(value / 1000), comment: Math.floor(value / 10) % 100, reply: (value % 10) - 1 };
  }

  refOfUrn(urn: string): CommentRef | null {
    const match = /^urn:li:comment:\(urn:li:activity:\d+,(\d+)\)$/.exec(urn);
    return match ? this.refOf(match[1]) : null;
  }

  /** Posts live at `step`, most recently modified first (the author finder's `LAST_MODIFIED` order). */
  livePosts(step: number): number[] {
    const live: number[] = [];
    for (let n = this.postCount(step) - 1; n >= 0; n--) if (this.postExists(n, step)) live.push(n);
    return live.sort((a, b) => this.postModifiedAt(b, step) - this.postModifiedAt(a, step) || b - a);
  }

  postExists(n: number, step: number): boolean {
    return n >= 0 && n < this.postCount(step) && this.fates(n * 4096, step, SALT.delete, this.birth(n)).count === 0;
  }

  postCreatedAt(n: number): number {
    return EPOCH + (n + 1) * HOUR;
  }

  postModifiedAt(n: number, step: number): number {
    const { last } = this.fates(n * 4096 + 1, step, SALT.edit, this.birth(n));
    return last === null ? this.postCreatedAt(n) : this.timeOf(last) - 60_000;
  }

  postText(n: number, step: number): string {
    const { count } = this.fates(n * 4096 + 1, step, SALT.edit, this.birth(n));
    const base = `Notice ${n} from the Town of X (Public Works): the transfer station keeps winter hours.`;
    return count === 0 ? base : `${base} (correction ${count})`;
  }

  hasImage(n: number): boolean {
    return hashUnit(this.options.seed, n, SALT.image) < this.options.imageRate;
  }

  /** Top-level comments of post `n` live at `step`, oldest first. */
  liveComments(n: number, step: number): number[] {
    if (!this.postExists(n, step)) return [];
    let count = Math.floor(hashUnit(this.options.seed, n, SALT.comments) * (this.options.maxCommentsPerPost + 1));
    for (let at = this.birth(n) + 1; at <= step; at++)
      if (hashUnit(this.options.seed, n * 4096 + 2, at) < this.options.newCommentRate) count++;
    const live: number[] = [];
    for (let c = 0; c < Math.min(count, 99); c++)
      if (this.commentExists({ post: n, comment: c, reply: -1 }, step)) live.push(c);
    return live;
  }

  /** Replies of a comment live at `step`, oldest first. */
  liveReplies(n: number, c: number, step: number): number[] {
    const count = Math.floor(
      hashUnit(this.options.seed, n * 100 + c, SALT.replies) * (this.options.maxRepliesPerComment + 1),
    );
    const live: number[] = [];
    for (let r = 0; r < Math.min(count, 9); r++)
      if (this.commentExists({ post: n, comment: c, reply: r }, step)) live.push(r);
    return live;
  }

  commentExists(ref: CommentRef, step: number): boolean {
    if (!this.postExists(ref.post, step)) return false;
    if (ref.reply >= 0 && !this.commentExists({ ...ref, reply: -1 }, step)) return false;
    return this.fates(this.commentKey(ref), step, SALT.delete, this.commentBirth(ref)).count === 0;
  }

  /** The organization answers some comments itself: its replies carry its URN as the actor. */
  commentActor(ref: CommentRef): string {
    if (ref.reply === 0 && hashUnit(this.options.seed, this.commentKey(ref), SALT.byTown) < 0.4)
      return FAKE_ORGANIZATION_URN;
    return `urn:li:person:resident${(ref.comment * 7 + ref.reply + 11) % 23}`;
  }

  commentText(ref: CommentRef, step: number): string {
    const { count } = this.fates(this.commentKey(ref) + 1, step, SALT.edit, this.commentBirth(ref));
    const base =
      ref.reply < 0
        ? `Question ${ref.comment} about notice ${ref.post}`
        : `Answer ${ref.reply} to question ${ref.comment}`;
    return count === 0 ? base : `${base} (edited ${count}x)`;
  }

  commentCreatedAt(ref: CommentRef): number {
    const birth = this.commentBirth(ref);
    const at = birth === this.birth(ref.post) ? this.postCreatedAt(ref.post) : this.timeOf(birth) - 30 * 60_000;
    return at + (ref.comment * 10 + ref.reply + 2) * 60_000;
  }

  commentModifiedAt(ref: CommentRef, step: number): number {
    const { last } = this.fates(this.commentKey(ref) + 1, step, SALT.edit, this.commentBirth(ref));
    return last === null ? this.commentCreatedAt(ref) : this.timeOf(last) - 60_000;
  }

  /** The step a post appeared at. */
  birth(n: number): number {
    return n < this.options.posts ? 0 : Math.ceil((n - this.options.posts + 1) / this.options.newPostsPerStep);
  }

  /** The step a comment appeared at: its post's, or a later one for comments added over time. */
  private commentBirth(ref: CommentRef): number {
    const initial = Math.floor(
      hashUnit(this.options.seed, ref.post, SALT.comments) * (this.options.maxCommentsPerPost + 1),
    );
    let count = initial;
    if (ref.comment < count) return this.birth(ref.post);
    for (let at = this.birth(ref.post) + 1; ; at++) {
      if (hashUnit(this.options.seed, ref.post * 4096 + 2, at) < this.options.newCommentRate) count++;
      if (ref.comment < count) return at;
      if (at > this.birth(ref.post) + 10_000) return at;
    }
  }

  private commentKey(ref: CommentRef): number {
    return ref.post * 4096 + 16 + (ref.comment * 10 + ref.reply + 1) * 2;
  }

  /** How many times a fate struck between `from` (exclusive) and `step`, and the last step it did. */
  private fates(key: number, step: number, salt: number, from: number): { count: number; last: number | null } {
    const rate = salt === SALT.delete ? this.options.deleteRate : this.options.editRate;
    let count = 0;
    let last: number | null = null;
    for (let at = from + 1; at <= step; at++) {
      if (hashUnit(this.options.seed, key * 8 + salt, at) < rate) {
        count++;
        last = at;
      }
    }
    return { count, last };
  }
}
