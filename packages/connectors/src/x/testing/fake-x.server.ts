import { renderMockImage } from '../../mock/mock-media';
import { hashInts, hashUnit } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';

export interface FakeXOptions {
  seed: number;
  /** Posts at step 0; the newest was posted an hour before the fake started, one an hour before it. */
  posts: number;
  /** Posts at each later step, an hour apart (default 1). */
  newPostsPerStep?: number;
  /** Residents' replies a post has: 0..max (default 4); odd ones answer the reply before them. */
  maxRepliesPerPost?: number;
  /** Chance that a post was edited (1 to 3 times, within X's 30 minutes) (default 0.15). */
  editRate?: number;
  /** Chance that a post or reply is deleted at each step after its first (default 0.03). */
  deleteRate?: number;
  /** Fraction of posts with a photo (default 0.2). */
  mediaRate?: number;
  /** Posts whose JSON lacks `created_at`: malformed items. */
  malformedPosts?: number[];
  /** The bearer token the fake accepts. */
  bearerToken?: string;
  /** The app's access tier: `free` has no search, and `search/recent` answers 403 client-not-enrolled (default basic). */
  tier?: 'free' | 'basic';
}

export const FAKE_X_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAFakeXBearerToken0123456789';
export const FAKE_X_USER = { id: '123456789', name: 'Town of X', username: 'townofx' };
const BASE = 1_900_000_000_000_000_000n;
const HOUR = 3_600_000;
const SALT = { replies: 1, edits: 2, delete: 3, media: 4 };

/**
 * A fake X API v2 over real HTTP (reference/platform-apis.md §3): the user lookup, `/users/:id/tweets` newest
 * first with `pagination_token`, edit chains (`edit_history_tweet_ids`, each edit a new id), `/tweets?ids=`
 * (200 with a resource-not-found error per missing id), `search/recent` by `conversation_id`,
 * `x-rate-limit-*` headers and 429 on demand, and 401 for a wrong token. Its clock starts at real time, so
 * its posts are recent to a connector that asks `search/recent`.
 */
export class FakeX {
  private server!: RunningFake;
  private step = 0;
  private token: string;
  private readonly epoch: number;
  private limitAfter: number | null = null;
  private answered = 0;
  private readonly options: Required<Omit<FakeXOptions, 'malformedPosts' | 'bearerToken' | 'tier'>> & FakeXOptions;

  private constructor(options: FakeXOptions) {
    this.options = {
      newPostsPerStep: 1,
      maxRepliesPerPost: 4,
      editRate: 0.15,
      deleteRate: 0.03,
      mediaRate: 0.2,
      ...options,
    };
    this.token = options.bearerToken ?? FAKE_X_TOKEN;
    this.epoch = Math.floor(Date.now() / HOUR) * HOUR - (options.posts + 1) * HOUR;
  }

  static async start(options: FakeXOptions): Promise<FakeX> {
    const fake = new FakeX(options);
    fake.server = await startFakeServer((request, url) => fake.answer(url, request.headers.authorization));
    return fake;
  }

  get apiUrl(): string {
    return `${this.server.baseUrl}/2`;
  }

  get bearerToken(): string {
    return FAKE_X_TOKEN;
  }

  get requests(): string[] {
    return this.server.requests;
  }

  advance(steps = 1): void {
    this.step += steps;
  }

  revokeToken(): void {
    this.token = `revoked-${this.token}`;
  }

  /** After `after` more API requests, the next one is answered 429 with a reset a second away. */
  rateLimitAfter(after: number): void {
    this.limitAfter = this.answered + after;
  }

  postCount(): number {
    return this.options.posts + this.step * this.options.newPostsPerStep;
  }

  /** The ids of a post's edit chain, oldest first. */
  chainOf(n: number): string[] {
    const edits =
      hashUnit(this.options.seed, n, SALT.edits) < this.options.editRate
        ? 1 + (hashInts(this.options.seed, n, 9) % 3)
        : 0;
    return Array.from({ length: edits + 1 }, (_, k) => (BASE + BigInt(n) * 100n + BigInt(k)).toString());
  }

  replyId(n: number, r: number): string {
    return (BASE + BigInt(n) * 100n + 10n + BigInt(r)).toString();
  }

  replyCount(n: number): number {
    return Math.floor(hashUnit(this.options.seed, n, SALT.replies) * (this.options.maxRepliesPerPost + 1));
  }

  postExists(n: number): boolean {
    return n >= 0 && n < this.postCount() && !this.deletedBy(n * 16, this.birth(n));
  }

  replyExists(n: number, r: number): boolean {
    return this.postExists(n) && r < this.replyCount(n) && !this.deletedBy(n * 16 + r + 1, this.birth(n));
  }

  livePosts(): number[] {
    const live: number[] = [];
    for (let n = this.postCount() - 1; n >= 0; n--) if (this.postExists(n)) live.push(n);
    return live;
  }

  /** Every record the archive should hold now: each live chain's first id, and each live reply's id. */
  expected(): Map<string, string> {
    const texts = new Map<string, string>();
    for (const n of this.livePosts()) {
      const chain = this.chainOf(n);
      texts.set(chain[0], this.postText(n, chain.length - 1));
      for (let r = 0; r < this.replyCount(n); r++)
        if (this.replyExists(n, r)) texts.set(this.replyId(n, r), this.replyText(n, r));
    }
    return texts;
  }

  postText(n: number, version: number): string {
    return version === 0 ? `Notice ${n} from the Town of X` : `Notice ${n} from the Town of X (correction ${version})`;
  }

  replyText(n: number, r: number): string {
    return `@townofx question ${r} about notice ${n}`;
  }

  photoOf(n: number): Buffer {
    return renderMockImage(20, 12, hashInts(this.options.seed, n, 31));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL, authorization: string | undefined): FakeAnswer {
    const photo = /^\/media\/(\d+)\.png$/.exec(url.pathname);
    if (photo) return { headers: { 'content-type': 'image/png' }, body: this.photoOf(Number(photo[1])) };
    this.answered += 1;
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    if (this.limitAfter !== null && this.answered > this.limitAfter) {
      this.limitAfter = null;
      return {
        status: 429,
        headers: { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      };
    }
    if (authorization !== `Bearer ${this.token}`)
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    const headers = { 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '800', 'x-rate-limit-reset': reset };
    const answer = this.route(url);
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  private route(url: URL): FakeAnswer {
    const path = url.pathname.replace(/^\/2\//, '');
    if (path === `users/by/username/${FAKE_X_USER.username}` || path === `users/${FAKE_X_USER.id}`)
      return { body: { data: FAKE_X_USER } };
    if (path.startsWith('users/by/username/') || /^users\/\d+$/.test(path))
      return {
        body: { errors: [{ title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' }] },
      };
    if (path === `users/${FAKE_X_USER.id}/tweets`) return this.timeline(url.searchParams);
    if (path === 'tweets') return this.lookup(url.searchParams);
    if (path === 'tweets/search/recent') return this.search(url.searchParams);
    return { status: 404, body: { title: 'Not Found' } };
  }

  private timeline(params: URLSearchParams): FakeAnswer {
    const size = Math.min(100, Math.max(5, Number(params.get('max_results') ?? '10')));
    const token = params.get('pagination_token');
    const from = token ? Number(Buffer.from(token, 'base64url').toString().slice(2)) : 0;
    const live = this.livePosts().slice(0, 3200);
    const slice = live.slice(from, from + size);
    const data = slice.map((n) => this.postJson(n, this.chainOf(n).length - 1));
    const next = from + size < live.length ? { next_token: Buffer.from(`o:${from + size}`).toString('base64url') } : {};
    return { body: { data, includes: this.includesFor(slice), meta: { result_count: data.length, ...next } } };
  }

  private lookup(params: URLSearchParams): FakeAnswer {
    const data: object[] = [];
    const errors: object[] = [];
    for (const id of (params.get('ids') ?? '').split(',').filter(Boolean)) {
      const offset = BigInt(id) - BASE;
      const [n, k] = [Number(offset / 100n), Number(offset % 100n)];
      if (k < 10 && this.postExists(n) && k < this.chainOf(n).length) data.push(this.postJson(n, k));
      else if (k >= 10 && this.replyExists(n, k - 10)) data.push(this.replyJson(n, k - 10));
      else
        errors.push({
          value: id,
          detail: `Could not find tweet with ids: [${id}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        });
    }
    return { body: { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) } };
  }

  private search(params: URLSearchParams): FakeAnswer {
    if (this.options.tier === 'free')
      return {
        status: 403,
        body: {
          title: 'Client Forbidden',
          detail: 'This endpoint is not available for your current access level.',
          reason: 'client-not-enrolled',
          required_enrollment: 'Appropriate Level of API Access',
          type: 'https://api.twitter.com/2/problems/client-forbidden',
        },
      };
    const match = /^conversation_id:(\d+)$/.exec(params.get('query') ?? '');
    if (!match) return { status: 400, body: { title: 'Invalid Request' } };
    const n = Number((BigInt(match[1]) - BASE) / 100n);
    const replies: object[] = [];
    for (let r = this.replyCount(n) - 1; r >= 0; r--) if (this.replyExists(n, r)) replies.push(this.replyJson(n, r));
    return { body: { ...(replies.length ? { data: replies } : {}), meta: { result_count: replies.length } } };
  }

  private postJson(n: number, version: number): object {
    const chain = this.chainOf(n);
    const id = chain[version];
    const malformed = this.options.malformedPosts?.includes(n);
    const hasPhoto = hashUnit(this.options.seed, n, SALT.media) < this.options.mediaRate;
    return {
      id,
      text: this.postText(n, version),
      author_id: FAKE_X_USER.id,
      ...(malformed ? {} : { created_at: new Date(this.epoch + (n + 1) * HOUR + version * 5 * 60_000).toISOString() }),
      conversation_id: chain[0],
      edit_history_tweet_ids: chain.slice(0, version + 1),
      ...(hasPhoto ? { attachments: { media_keys: [`3_${n}`] } } : {}),
    };
  }

  private replyJson(n: number, r: number): object {
    const chain = this.chainOf(n);
    const parent = r % 2 === 1 ? this.replyId(n, r - 1) : chain[0];
    return {
      id: this.replyId(n, r),
      text: this.replyText(n, r),
      author_id: String(700 + r),
      created_at: new Date(this.epoch + (n + 1) * HOUR + (r + 10) * 60_000).toISOString(),
      conversation_id: chain[0],
      referenced_tweets: [{ type: 'replied_to', id: parent }],
      edit_history_tweet_ids: [this.replyId(n, r)],
    };
  }

  private includesFor(posts: number[]): object {
    const media = posts
      .filter((n) => hashUnit(this.options.seed, n, SALT.media) < this.options.mediaRate)
      .map((n) => ({ media_key: `3_${n}`, type: 'photo', url: `${this.server.baseUrl}/media/${n}.png` }));
    return { media, users: [FAKE_X_USER] };
  }

  private birth(n: number): number {
    return n < this.options.posts ? 0 : Math.ceil((n - this.options.posts + 1) / this.options.newPostsPerStep);
  }

  private deletedBy(key: number, from: number): boolean {
    for (let at = from + 1; at <= this.step; at++)
      if (hashUnit(this.options.seed, key * 8 + SALT.delete, at) < this.options.deleteRate) return true;
    return false;
  }
}
