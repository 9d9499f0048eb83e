import { hashUnit } from '../../mock/prng';

/** Settings of the fake town blog; everything it serves is a function of these and the step. */
export interface FakeBlogOptions {
  seed: number;
  /** Posts that exist at step 0. */
  posts: number;
  /** Posts published at each later step (default 1). */
  newPostsPerStep?: number;
  /** Chance that a post's text is updated at each step after its first (default 0.1). */
  editRate?: number;
  /** Chance that a post is taken down at each step after its first (default 0.02). */
  deleteRate?: number;
  /** Fraction of posts with a photo enclosure (default 0.3). */
  photoRate?: number;
}

const EPOCH = Date.parse('2026-01-05T14:00:00.000Z');
const HOUR = 3_600_000;
const SALT = { edit: 1, delete: 2, photo: 3, topic: 4 };
const TOPICS = [
  'Leaf collection resumes on the east side',
  'Budget hearing moved to the library',
  'Water main repair on Elm Street',
  'Beach stickers on sale at Town Hall',
  'Snow emergency parking rules',
  'Planning and Zoning agenda posted',
];

/** Post `n` of the blog: published one hour after post `n - 1`; its fate is computed, never stored. */
export class FakeBlog {
  readonly options: Required<FakeBlogOptions>;

  constructor(options: FakeBlogOptions) {
    this.options = { newPostsPerStep: 1, editRate: 0.1, deleteRate: 0.02, photoRate: 0.3, ...options };
  }

  postCount(step: number): number {
    return this.options.posts + step * this.options.newPostsPerStep;
  }

  /** The blog's clock at `step`: the last post's publication. */
  timeOf(step: number): number {
    return EPOCH + this.postCount(step) * HOUR;
  }

  publishedAt(n: number): string {
    return new Date(EPOCH + (n + 1) * HOUR).toISOString();
  }

  /** Posts live at `step`, newest first. */
  livePosts(step: number): number[] {
    const live: number[] = [];
    for (let n = this.postCount(step) - 1; n >= 0; n--) if (this.exists(n, step)) live.push(n);
    return live;
  }

  exists(n: number, step: number): boolean {
    if (n < 0 || n >= this.postCount(step)) return false;
    return this.fateSteps(n, step, SALT.delete, this.options.deleteRate).length === 0;
  }

  /** The steps at which post `n` was updated, up to `step`. */
  edits(n: number, step: number): number[] {
    return this.fateSteps(n, step, SALT.edit, this.options.editRate);
  }

  /** When post `n` was last updated by `step`, or its publication. */
  updatedAt(n: number, step: number): string {
    const edits = this.edits(n, step);
    return edits.length === 0 ? this.publishedAt(n) : new Date(this.timeOf(edits[edits.length - 1])).toISOString();
  }

  title(n: number): string {
    return `${TOPICS[Math.floor(hashUnit(this.options.seed, n, SALT.topic) * TOPICS.length)]} (notice ${n})`;
  }

  /** The post's body as HTML at `step`: its first paragraph, then one paragraph per update. */
  bodyHtml(n: number, step: number): string {
    const updates = this.edits(n, step).map(
      (at, index) => `<p><strong>Update ${index + 1}:</strong> details changed at step ${at} &amp; posted again.</p>`,
    );
    return [`<p>The Town Clerk&#8217;s office posts notice ${n} for residents.</p>`, ...updates].join('');
  }

  /** The post's text as the connector should read it at `step`: title, then paragraphs. */
  text(n: number, step: number): string {
    const updates = this.edits(n, step).map(
      (at, index) => `Update ${index + 1}: details changed at step ${at} & posted again.`,
    );
    return [this.title(n), `The Town Clerk\u2019s office posts notice ${n} for residents.`, ...updates].join('\n\n');
  }

  hasPhoto(n: number): boolean {
    return hashUnit(this.options.seed, n, SALT.photo) < this.options.photoRate;
  }

  private birthStep(n: number): number {
    return n < this.options.posts ? 0 : Math.ceil((n - this.options.posts + 1) / this.options.newPostsPerStep);
  }

  private fateSteps(n: number, step: number, salt: number, rate: number): number[] {
    const steps: number[] = [];
    for (let at = this.birthStep(n) + 1; at <= step; at++) {
      if (hashUnit(this.options.seed, n * 8 + salt, at) < rate) steps.push(at);
    }
    return steps;
  }
}
