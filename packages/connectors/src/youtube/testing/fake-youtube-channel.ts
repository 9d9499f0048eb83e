import { hashUnit } from '../../mock/prng';

/** Settings of the fake channel; everything it serves is a function of these and the step. */
export interface FakeYoutubeOptions {
  seed: number;
  /** Videos that exist at step 0. */
  videos: number;
  /** Videos uploaded at each later step (default 1). */
  newVideosPerStep?: number;
  /** Comment threads a video has when uploaded: 0..max (default 4). */
  maxThreadsPerVideo?: number;
  /** Replies a thread has: 0..max (default 8; YouTube inlines at most 5 of them). */
  maxRepliesPerThread?: number;
  /** Chance that a video gets a new thread at each later step (default 0.3). */
  newThreadRate?: number;
  /** Chance that a video or comment is edited at each step after its first (default 0.1). */
  editRate?: number;
  /** Chance that a video or thread is deleted at each step after its first (default 0.03). */
  deleteRate?: number;
  /** Fraction of videos with comments turned off (default 0.1). */
  commentsOffRate?: number;
}

const EPOCH = Date.parse('2025-03-03T18:00:00.000Z');
const HOUR = 3_600_000;
const SALT = { threads: 1, replies: 2, newThread: 3, edit: 4, delete: 5, off: 6 };

/** A comment: top-level when `reply` is -1. */
export interface CommentRef {
  video: number;
  thread: number;
  reply: number;
}

/** The fake channel over simulated time: video `v` is uploaded an hour after video `v - 1`. */
export class FakeYoutubeChannel {
  readonly options: Required<FakeYoutubeOptions>;

  constructor(options: FakeYoutubeOptions) {
    this.options = {
      newVideosPerStep: 1,
      maxThreadsPerVideo: 4,
      maxRepliesPerThread: 8,
      newThreadRate: 0.3,
      editRate: 0.1,
      deleteRate: 0.03,
      commentsOffRate: 0.1,
      ...options,
    };
  }

  videoCount(step: number): number {
    return this.options.videos + step * this.options.newVideosPerStep;
  }

  timeOf(step: number): number {
    return EPOCH + this.videoCount(step) * HOUR;
  }

  videoId(v: number): string {
    return `V${String(v).padStart(10, '0')}`;
  }

  videoOf(id: string): number | null {
    const match = /^V(\d{10})$/.exec(id);
    return match ? Number(match[1]) : null;
  }

  threadId(v: number, t: number): string {
    return `Ugx${String(v).padStart(6, '0')}t${String(t).padStart(3, '0')}`;
  }

  replyId(v: number, t: number, r: number): string {
    return `${this.threadId(v, t)}.${String(r).padStart(3, '0')}`;
  }

  refOf(id: string): CommentRef | null {
    const match = /^Ugx(\d{6})t(\d{3})(?:\.(\d{3}))?$/.exec(id);
    if (!match) return null;
    return { video: Number(match[1]), thread: Number(match[2]), reply: match[3] ? Number(match[3]) : -1 };
  }

  /** Videos live at `step`, newest first. */
  liveVideos(step: number): number[] {
    const live: number[] = [];
    for (let v = this.videoCount(step) - 1; v >= 0; v--) if (this.videoExists(v, step)) live.push(v);
    return live;
  }

  videoExists(v: number, step: number): boolean {
    return v >= 0 && v < this.videoCount(step) && this.fates(v * 64, step, this.birth(v), SALT.delete) === 0;
  }

  commentsOff(v: number): boolean {
    return hashUnit(this.options.seed, v, SALT.off) < this.options.commentsOffRate;
  }

  uploadedAt(v: number): string {
    return new Date(EPOCH + (v + 1) * HOUR).toISOString();
  }

  title(v: number): string {
    return `Council meeting ${v}`;
  }

  description(v: number, step: number): string {
    const edits = this.fates(v * 64 + 1, step, this.birth(v), SALT.edit);
    return [`Recording of meeting ${v}.`, ...Array.from({ length: edits }, (_, k) => `Correction ${k + 1}.`)].join(' ');
  }

  /** Threads of video `v` live at `step`, newest first (as `order=time` lists them). */
  liveThreads(v: number, step: number): number[] {
    if (!this.videoExists(v, step) || this.commentsOff(v)) return [];
    const base = Math.floor(hashUnit(this.options.seed, v, SALT.threads) * (this.options.maxThreadsPerVideo + 1));
    let count = base;
    for (let at = this.birth(v) + 1; at <= step; at++)
      if (hashUnit(this.options.seed, v * 64 + 2, at) < this.options.newThreadRate) count++;
    const live: number[] = [];
    for (let t = count - 1; t >= 0; t--) if (this.threadExists(v, t, step)) live.push(t);
    return live;
  }

  replyCount(v: number, t: number): number {
    return Math.floor(hashUnit(this.options.seed, v * 1000 + t, SALT.replies) * (this.options.maxRepliesPerThread + 1));
  }

  commentText(ref: CommentRef, step: number): string {
    const edits = this.commentEdits(ref, step);
    const base =
      ref.reply < 0
        ? `Question ${ref.thread} about meeting ${ref.video}`
        : `Answer ${ref.reply} in thread ${ref.thread}`;
    return edits === 0 ? base : `${base} (edited ${edits}x)`;
  }

  commentPublishedAt(ref: CommentRef): string {
    return new Date(EPOCH + (ref.video + 1) * HOUR + (ref.thread * 20 + ref.reply + 2) * 60_000).toISOString();
  }

  commentUpdatedAt(ref: CommentRef, step: number): string {
    const edits = this.commentEdits(ref, step);
    return edits === 0 ? this.commentPublishedAt(ref) : new Date(this.timeOf(step) - 60_000).toISOString();
  }

  threadExists(v: number, t: number, step: number): boolean {
    return this.fates(v * 1000 + t + 500_000, step, this.birth(v), SALT.delete) === 0;
  }

  private commentEdits(ref: CommentRef, step: number): number {
    return this.fates(ref.video * 100_000 + ref.thread * 100 + ref.reply + 1, step, this.birth(ref.video), SALT.edit);
  }

  private birth(v: number): number {
    return v < this.options.videos ? 0 : Math.ceil((v - this.options.videos + 1) / this.options.newVideosPerStep);
  }

  private fates(key: number, step: number, from: number, salt: number): number {
    const rate = salt === SALT.delete ? this.options.deleteRate : this.options.editRate;
    let count = 0;
    for (let at = from + 1; at <= step; at++) if (hashUnit(this.options.seed, key * 8 + salt, at) < rate) count++;
    return count;
  }
}
