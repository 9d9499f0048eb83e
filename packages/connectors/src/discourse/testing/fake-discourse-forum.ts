import { hashInts, hashUnit } from '../../mock/prng';

export interface FakeDiscourseOptions {
  seed: number;
  /** Topics at step 0, an hour apart, the last an hour before the forum's clock. */
  topics: number;
  /** Topics opened at each later step (default 1). */
  newTopicsPerStep?: number;
  /** Replies a topic has: 0..max (default 6, at most 25); some answer the first post, some the reply before. */
  maxRepliesPerTopic?: number;
  /** Chance that a post was edited (1 or 2 times) before step 0, and that it is edited again at each step (default 0.2). */
  editRate?: number;
  /** Chance that a post (a topic, when its first post) is deleted at each step after its first (default 0.03). */
  deleteRate?: number;
  /** Fraction of topics whose first post shows an uploaded picture (default 0.25). */
  imageRate?: number;
  /** Fraction of replies flagged away (`hidden`): staff read them, guests get no text (default 0). */
  hiddenRate?: number;
  /** Topics whose first post lacks `created_at`: malformed items. */
  malformedTopics?: number[];
}

/** A post's place: topic `n`, position `p` (0 the first post, then replies in order). */
export interface PostRef {
  n: number;
  p: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The forum's clock at step 0 (topics before it): a fixed day, so runs are alike. */
const EPOCH = Date.UTC(2026, 2, 2, 8);
const SALT = { replies: 1, edits: 2, editCount: 3, delete: 4, image: 5, hidden: 6 };
export const CATEGORIES = [
  { id: 5, slug: 'town-council', name: 'Town Council' },
  { id: 6, slug: 'public-works', name: 'Public Works' },
];

/**
 * The content of a fake Discourse forum, deterministic from a seed, over simulated time: topics and their
 * replies, edits (each a revision at its own time), deletions. The server shows it through the API.
 */
export class FakeDiscourseForum {
  step = 0;
  readonly options: Required<Omit<FakeDiscourseOptions, 'malformedTopics'>> & FakeDiscourseOptions;

  constructor(options: FakeDiscourseOptions) {
    this.options = {
      newTopicsPerStep: 1,
      maxRepliesPerTopic: 6,
      editRate: 0.2,
      deleteRate: 0.03,
      hiddenRate: 0,
      imageRate: 0.25,
      ...options,
    };
    this.options.maxRepliesPerTopic = Math.min(25, this.options.maxRepliesPerTopic);
  }

  /** The forum's clock: an hour per step. */
  now(step = this.step): number {
    return EPOCH + step * HOUR;
  }

  topicCount(): number {
    return this.options.topics + this.step * this.options.newTopicsPerStep;
  }

  topicId(n: number): number {
    return 100 + n;
  }

  topicOf(topicId: number): number {
    return topicId - 100;
  }

  slugOf(n: number): string {
    return `notice-${n}`;
  }

  categoryOf(n: number): (typeof CATEGORIES)[number] {
    return CATEGORIES[n % 2];
  }

  postId({ n, p }: PostRef): number {
    return 10_000 + n * 100 + p;
  }

  refOf(postId: number): PostRef | null {
    const offset = postId - 10_000;
    const ref = { n: Math.floor(offset / 100), p: offset % 100 };
    return offset >= 0 && this.postExisted(ref) ? ref : null;
  }

  replyCount(n: number): number {
    return Math.floor(hashUnit(this.options.seed, n, SALT.replies) * (this.options.maxRepliesPerTopic + 1));
  }

  /** The post number a reply answers: the reply before it (every third), the first post, or none. */
  replyToPostNumber({ p }: PostRef): number | null {
    if (p === 0 || p % 3 === 1) return null;
    return p % 3 === 2 ? p : 1;
  }

  hasImage(n: number): boolean {
    return hashUnit(this.options.seed, n, SALT.image) < this.options.imageRate;
  }

  createdAt({ n, p }: PostRef): number {
    const opened =
      n < this.options.topics ? EPOCH - (this.options.topics - n) * HOUR : this.now(this.birth(n)) - 50 * MINUTE;
    return opened + p * MINUTE;
  }

  /** The times of a post's edits, oldest first: up to step 0 right after it was written, later ones at their step. */
  editTimes(ref: PostRef): number[] {
    const key = this.keyOf(ref);
    const birth = this.birth(ref.n);
    const times: number[] = [];
    if (hashUnit(this.options.seed, key, SALT.edits) < this.options.editRate) {
      const count = 1 + (hashInts(this.options.seed, key, SALT.editCount) % 2);
      for (let i = 1; i <= count; i++) times.push(this.createdAt(ref) + 10 * i * MINUTE);
    }
    for (let at = birth + 1; at <= this.step; at++)
      if (hashUnit(this.options.seed, key * 8 + SALT.edits, at) < this.options.editRate)
        times.push(this.now(at) - 30 * MINUTE);
    return times;
  }

  /** A post's plain text at version `version` (0 the original). */
  textOf(ref: PostRef, version: number): string {
    const suffix = version === 0 ? '' : ` (edited ${version})`;
    if (ref.p === 0) return `Notice ${ref.n} from the Town of X & Y.\n\nThe meeting is at town hall${suffix}.`;
    return `Question ${ref.p} about notice ${ref.n}${suffix}`;
  }

  /** The same as Discourse would cook it: paragraphs, an entity, a picture and an emoji. */
  cookedOf(ref: PostRef, version: number): string {
    const [first, second] = this.textOf(ref, version).split('\n\n');
    const escape = (text: string) => text.replace(/&/g, '&amp;');
    if (ref.p !== 0)
      return `<p>${escape(first)} <img src="/images/emoji/twitter/thinking.png?v=12" title=":thinking:" class="emoji" alt=":thinking:"></p>`;
    const image = this.hasImage(ref.n)
      ? `\n<p><img src="/uploads/default/original/1X/${ref.n}.png" alt="notice" width="20" height="12"></p>`
      : '';
    return `<p>${escape(first)}</p>\n<p>${escape(second)}</p>${image}`;
  }

  /** A reply the community flagged away: still there, its text shown to staff only. */
  postHidden(ref: PostRef): boolean {
    return ref.p > 0 && hashUnit(this.options.seed, this.keyOf(ref), SALT.hidden) < this.options.hiddenRate;
  }

  postExisted(ref: PostRef): boolean {
    return ref.n >= 0 && ref.n < this.topicCount() && ref.p >= 0 && ref.p <= this.replyCount(ref.n);
  }

  postDeleted(ref: PostRef): boolean {
    const key = this.keyOf(ref);
    for (let at = this.birth(ref.n) + 1; at <= this.step; at++)
      if (hashUnit(this.options.seed, key * 8 + SALT.delete, at) < this.options.deleteRate) return true;
    return false;
  }

  topicDeleted(n: number): boolean {
    return this.postDeleted({ n, p: 0 });
  }

  /** Readable by anyone: the post exists, neither it nor its topic is deleted. */
  postLive(ref: PostRef): boolean {
    return this.postExisted(ref) && !this.postDeleted(ref) && !this.topicDeleted(ref.n);
  }

  /** Topics anyone can read, newest first (as `/latest` orders them when nothing is bumped). */
  liveTopics(): number[] {
    const live: number[] = [];
    for (let n = this.topicCount() - 1; n >= 0; n--) if (!this.topicDeleted(n)) live.push(n);
    return live;
  }

  /** A post's text as its record holds it: a topic's first post under the topic's title. */
  recordText(ref: PostRef, version: number): string {
    return ref.p === 0 ? `Notice ${ref.n}\n\n${this.textOf(ref, version)}` : this.textOf(ref, version);
  }

  /** Every record the archive should hold now, by post id: its current text (hidden posts only for staff). */
  expected(staff = true): Map<string, string> {
    const texts = new Map<string, string>();
    for (const n of this.liveTopics())
      for (let p = 0; p <= this.replyCount(n); p++)
        if (this.postLive({ n, p }) && (staff || !this.postHidden({ n, p })))
          texts.set(String(this.postId({ n, p })), this.recordText({ n, p }, this.editTimes({ n, p }).length));
    return texts;
  }

  private birth(n: number): number {
    return n < this.options.topics ? 0 : Math.ceil((n - this.options.topics + 1) / this.options.newTopicsPerStep);
  }

  private keyOf({ n, p }: PostRef): number {
    return n * 32 + p;
  }
}
