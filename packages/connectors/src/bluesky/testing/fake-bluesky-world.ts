import { z } from 'zod';
import { hashInts, hashUnit } from '../../mock/prng';
import { cidOf, didOfSeed, microsOfTid, tidOf } from './fake-bluesky-ids';
import { RESIDENT_NAMES, fakeText, residentHandle, type TextRole } from './fake-bluesky-text';

const Rate = z.number().min(0).max(1);

export const FakeBlueskyOptionsSchema = z.strictObject({
  /** Seeds every choice: the same seed and step give byte-identical answers. */
  seed: z.number().int(),
  /** The town's top-level posts at step 0 (up to millions: nothing is held in memory). */
  posts: z.number().int().min(0).max(10_000_000),
  /** Posts added at each later step; defaults to max(1, round(posts / 20)). */
  newPostsPerStep: z.number().int().min(0).optional(),
  /** Each post gets 0..maxRepliesPerPost replies, some at once, the rest one per later step. */
  maxRepliesPerPost: z.number().int().min(0).max(500).default(6),
  /** Chance that an item is edited (a new cid and text) at each step. */
  editRate: Rate.default(0.05),
  /** Chance that an item is deleted at each step. */
  deleteRate: Rate.default(0.03),
  /** Share of the town's posts carrying images. */
  imageRate: Rate.default(0.2),
  /** Every Nth post is followed in the feed by the town's repost of a resident's post; 0 for none. */
  repostEvery: z.number().int().min(0).default(7),
  handle: z.string().default('millbrook-ct.gov'),
  displayName: z.string().default('Town of Millbrook'),
});
export type FakeBlueskyOptions = z.input<typeof FakeBlueskyOptionsSchema>;

/** An item's place: post `n` and reply `j` of its thread (-1 for the post itself, REPOSTED for a resident's). */
export interface FakeKey {
  n: number;
  j: number;
}
export const ROOT = -1;
/** The resident's post the town reposts after post n. */
export const REPOSTED = 998;
/** -1: the town. */
export const TOWN = -1;

/** An item as it stands at the world's current step. */
export interface FakePost extends FakeKey {
  uri: string;
  cid: string;
  author: number;
  text: string;
  createdAt: string;
  indexedAt: string;
  parentUri?: string;
  rootUri?: string;
  deleted: boolean;
  blocked: boolean;
  editCount: number;
  imageCids: string[];
}

const BASE_MS = Date.UTC(2024, 0, 1);
const INTERVAL_MS = 7 * 60_000;

/**
 * The simulated Bluesky network around one town account. Everything at step S is a pure function of the
 * options, S and the few deletions and edits a test asked for: items are computed when asked, never stored.
 */
export class FakeBlueskyWorld {
  readonly options: z.output<typeof FakeBlueskyOptionsSchema>;
  readonly townDid: string;
  readonly residentDids: readonly string[];
  private readonly seedHash: number;
  private readonly newPerStep: number;
  private currentStep = 0;
  private readonly forced = new Map<string, { deletedAt?: number; edits: number[] }>();

  constructor(options: FakeBlueskyOptions) {
    this.options = FakeBlueskyOptionsSchema.parse(options);
    this.seedHash = hashInts(this.options.seed, 0xb5);
    this.newPerStep = this.options.newPostsPerStep ?? Math.max(1, Math.round(this.options.posts / 20));
    this.townDid = didOfSeed(this.seedHash);
    this.residentDids = RESIDENT_NAMES.map((_name, index) => didOfSeed(hashInts(this.seedHash, 1000 + index)));
  }

  get step(): number {
    return this.currentStep;
  }

  /** Moves the clock: new posts and replies appear, and items are edited and deleted. */
  advance(steps = 1): void {
    this.currentStep += steps;
  }

  /** Deletes the item now (at the current step), whatever its fate. */
  deleteNow(uri: string): void {
    this.forcedOf(this.keyOfOrThrow(uri)).deletedAt = this.currentStep;
  }

  /** Edits the item now: a new cid and a new text. */
  editNow(uri: string): void {
    this.forcedOf(this.keyOfOrThrow(uri)).edits.push(this.currentStep);
  }

  postCount(step = this.currentStep): number {
    return this.options.posts + step * this.newPerStep;
  }

  handleOf(author: number): string {
    return author === TOWN ? this.options.handle : residentHandle(author);
  }

  displayNameOf(author: number): string {
    return author === TOWN ? this.options.displayName : RESIDENT_NAMES[author];
  }

  didOfAuthor(author: number): string {
    return author === TOWN ? this.townDid : this.residentDids[author];
  }

  /** The ISO time of post n: posts are 7 minutes apart, oldest first. */
  rootTime(n: number): string {
    return new Date(BASE_MS + n * INTERVAL_MS).toISOString();
  }

  /** Post n's index from its time (a feed cursor), or undefined. */
  rootIndexAt(time: string): number | undefined {
    const n = (Date.parse(time) - BASE_MS) / INTERVAL_MS;
    return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  }

  uriOf({ n, j }: FakeKey): string {
    const slot = j === ROOT ? 0 : j + 1;
    const rkey = tidOf((BASE_MS + n * INTERVAL_MS) * 1000 + slot, this.seedHash);
    return `at://${this.didOfAuthor(this.authorOf({ n, j }))}/app.bsky.feed.post/${rkey}`;
  }

  /** The item an at:// URI names, if it was ever created (deleted ones included). */
  keyOf(uri: string): FakeKey | undefined {
    const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
    const micros = match ? microsOfTid(match[2]) : undefined;
    if (micros === undefined) return undefined;
    const slot = micros % 1000;
    const n = (Math.floor(micros / 1000) - BASE_MS) / INTERVAL_MS;
    const key = { n, j: slot === 0 ? ROOT : slot - 1 };
    if (!Number.isSafeInteger(n) || n < 0 || n >= this.postCount()) return undefined;
    if (key.j !== ROOT && key.j !== REPOSTED && key.j >= this.replyTotal(n)) return undefined;
    if (key.j !== ROOT && key.j !== REPOSTED && this.replyCreatedStep(n, key.j) > this.currentStep) return undefined;
    return this.uriOf(key) === uri ? key : undefined;
  }

  /** The item at the current step (deleted ones too), or undefined if it does not exist (yet). */
  post(key: FakeKey): FakePost | undefined {
    const { n, j } = key;
    if (n >= this.postCount()) return undefined;
    const created = j === ROOT || j === REPOSTED ? this.createdStep(n) : this.replyCreatedStep(n, j);
    if (created > this.currentStep) return undefined;
    const hash = this.hashOf(key);
    const author = this.authorOf(key);
    const { deletedAt, edits, lastEdit } = this.fateOf(key, hash, created);
    const role: TextRole =
      j === ROOT ? 'town-post' : j === REPOSTED ? 'resident-post' : author === TOWN ? 'town-answer' : 'resident-reply';
    const createdMs = this.createdMs(key, created);
    const post: FakePost = {
      n,
      j,
      uri: this.uriOf(key),
      cid: cidOf('bafyrei', hashInts(hash, edits, 0xc1d)),
      author,
      text: fakeText(hash, role, edits),
      createdAt: new Date(createdMs).toISOString(),
      indexedAt: new Date(lastEdit === undefined ? createdMs + 1000 : this.stepMs(lastEdit) - 1000).toISOString(),
      deleted: deletedAt !== undefined,
      blocked: j !== ROOT && j !== REPOSTED && author !== TOWN && hashUnit(hash, 0xb10c) < 0.04,
      editCount: edits,
      imageCids: j === ROOT ? this.imagesOf(hash) : [],
    };
    if (j !== ROOT && j !== REPOSTED) {
      const parent = this.replyParent(n, j);
      post.parentUri = this.uriOf({ n, j: parent });
      post.rootUri = this.uriOf({ n, j: ROOT });
    }
    return post;
  }

  /** Replies whose direct parent is `key`, created by now (deleted ones too), in creation order. */
  childrenOf({ n, j }: FakeKey): number[] {
    if (j === REPOSTED) return [];
    const children: number[] = [];
    const total = this.replyTotal(n);
    for (let reply = j === ROOT ? 0 : j + 1; reply < total; reply++) {
      if (this.replyCreatedStep(n, reply) > this.currentStep) break;
      if (this.replyParent(n, reply) === j) children.push(reply);
    }
    return children;
  }

  /** Live direct replies: the post view's `replyCount`. */
  replyCountOf(key: FakeKey): number {
    return this.childrenOf(key).filter((reply) => !this.post({ n: key.n, j: reply })!.deleted).length;
  }

  authorOf({ n, j }: FakeKey): number {
    if (j === ROOT) return TOWN;
    const roll = hashInts(this.hashOf({ n, j }), 0xa07);
    if (j !== REPOSTED && roll % 100 < 12) return TOWN;
    return (roll >>> 8) % RESIDENT_NAMES.length;
  }

  replyTotal(n: number): number {
    return hashInts(this.seedHash, n, 0x4e7) % (this.options.maxRepliesPerPost + 1);
  }

  private createdStep(n: number): number {
    if (n < this.options.posts) return 0;
    return 1 + Math.floor((n - this.options.posts) / this.newPerStep);
  }

  /** The first 60% of a post's replies come with it; the others one per step after. */
  private replyCreatedStep(n: number, j: number): number {
    const initial = Math.ceil(this.replyTotal(n) * 0.6);
    return this.createdStep(n) + (j < initial ? 0 : j - initial + 1);
  }

  /** Half the replies answer the post, the others an earlier reply. */
  private replyParent(n: number, j: number): number {
    const roll = hashInts(this.hashOf({ n, j }), 0x9a7);
    return j === 0 || roll % 2 === 0 ? ROOT : (roll >>> 1) % j;
  }

  private fateOf(key: FakeKey, hash: number, created: number) {
    const forced = this.forced.get(`${key.n}:${key.j}`);
    let deletedAt = forced?.deletedAt;
    let edits = 0;
    let lastEdit: number | undefined;
    for (let step = created + 1; step <= this.currentStep; step++) {
      if (deletedAt !== undefined && step >= deletedAt) break;
      if (hashUnit(hash, step, 0xde1) < this.options.deleteRate) {
        deletedAt = step;
        break;
      }
      if (hashUnit(hash, step, 0xed1) < this.options.editRate) [edits, lastEdit] = [edits + 1, step];
    }
    for (const step of forced?.edits ?? []) {
      if (deletedAt === undefined || step < deletedAt) [edits, lastEdit] = [edits + 1, step];
    }
    return { deletedAt, edits, lastEdit };
  }

  private createdMs({ n, j }: FakeKey, created: number): number {
    if (j === ROOT) return BASE_MS + n * INTERVAL_MS;
    if (j === REPOSTED) return BASE_MS + n * INTERVAL_MS - 60_000;
    if (created === this.createdStep(n)) return BASE_MS + n * INTERVAL_MS + (j + 1) * 61_000;
    return this.stepMs(created) - INTERVAL_MS / 2 + j * 1000;
  }

  /** The moment of step s: when its next post would be written. */
  private stepMs(step: number): number {
    return BASE_MS + this.postCount(step) * INTERVAL_MS;
  }

  private imagesOf(hash: number): string[] {
    if (hashUnit(hash, 0x1a6) >= this.options.imageRate) return [];
    const count = 1 + (hashInts(hash, 0x1a7) % 2);
    return Array.from({ length: count }, (_unused, index) => cidOf('bafkrei', hashInts(hash, 0x1a8, index)));
  }

  private hashOf({ n, j }: FakeKey): number {
    return hashInts(this.seedHash, n, j + 2);
  }

  private forcedOf(key: FakeKey) {
    const id = `${key.n}:${key.j}`;
    let forced = this.forced.get(id);
    if (!forced) this.forced.set(id, (forced = { edits: [] }));
    return forced;
  }

  private keyOfOrThrow(uri: string): FakeKey {
    const key = this.keyOf(uri);
    if (key === undefined) throw new Error(`the fake Bluesky has no post ${uri}`);
    return key;
  }
}
