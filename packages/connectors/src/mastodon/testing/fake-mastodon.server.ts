import { hashInts } from '../../mock/prng';
import { renderMockImage } from '../../mock/mock-media';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { FakeMastodonModel, type FakeMastodonOptions, type StatusRef } from './fake-mastodon-model';
import { FAKE_ACCOUNT_ID, FAKE_USERNAME, FakeMastodonJson } from './fake-mastodon-json';
import { FakeRateWindow, MASTODON_RATE_LIMIT, limitHeaders, type FakeRateLimit } from './fake-rate-limit';

export interface FakeMastodonServerOptions extends FakeMastodonOptions {
  /**
   * When set, a request bearing another token is refused with 401; when not, any token is accepted. No token
   * at all reads public data either way.
   */
  accessToken?: string;
  /** Posts whose JSON lacks `created_at`, wherever they are served: malformed items. */
  malformedPosts?: number[];
  /**
   * The API rate limit enforced, with `X-RateLimit-*` headers and 429 beyond it (default Mastodon's published
   * 300 requests per 5 minutes); `false` for none and no such headers, as for a caller the instance exempts.
   * Media files are never counted.
   */
  rateLimit?: FakeRateLimit | false;
}

const NOT_FOUND: FakeAnswer = { status: 404, body: { error: 'Record not found' } };
/** Without a token Mastodon returns at most 60 descendants of a status; with one, up to 4,096. */
const DESCENDANTS_WITHOUT_TOKEN = 60;

/**
 * A fake Mastodon instance over real HTTP, following the documented API (reference/platform-apis.md §6):
 * account lookup, account statuses paged by `max_id` with `Link` headers, `/context`, `/history`, status
 * lookups (404 `Record not found` once deleted), media files, the rate limit (`X-RateLimit-*` headers, 429
 * beyond it), and 429 and 401 on demand. Its clock moves only when a test says `advance()`; the `Date` header
 * tells it. Every answer is computed from the seed when asked, at a cost that does not grow with the account.
 */
export class FakeMastodon {
  readonly model: FakeMastodonModel;
  step = 0;
  private json!: FakeMastodonJson;
  private server!: RunningFake;
  private accessToken: string | undefined;
  private readonly malformed: Set<number>;
  private refusals: { left: number; waitMs: number } = { left: 0, waitMs: 0 };
  private served = 0;
  private readonly rateWindow: FakeRateWindow | null;

  private constructor(options: FakeMastodonServerOptions) {
    this.model = new FakeMastodonModel(options);
    this.rateWindow = options.rateLimit === false ? null : new FakeRateWindow(options.rateLimit ?? MASTODON_RATE_LIMIT);
    this.accessToken = options.accessToken;
    this.malformed = new Set(options.malformedPosts ?? []);
  }

  static async start(options: FakeMastodonServerOptions): Promise<FakeMastodon> {
    const fake = new FakeMastodon(options);
    fake.server = await startFakeServer((request, url) => fake.answer(request.headers.authorization, url));
    fake.json = new FakeMastodonJson(fake.model, fake.server.baseUrl);
    return fake;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Every request received, as `GET /path?query`. */
  get requests(): string[] {
    return this.server.requests;
  }

  /** Moves the clock: posts are published, residents reply, statuses are edited and deleted. */
  advance(steps = 1): void {
    this.step += steps;
  }

  /** The next `count` API requests are refused with 429, asking to wait `waitMs`. */
  rateLimitNext(count: number, waitMs: number): void {
    this.refusals = { left: count, waitMs };
  }

  /** The configured token stops working, as when someone revokes it in the instance's settings. */
  revokeToken(): void {
    this.accessToken = `revoked-${hashInts(this.served)}`;
  }

  /** Ids of every status of the account's tree that exists now (posts, listed or not, and visible replies). */
  existingIds(): string[] {
    const ids: string[] = [];
    for (let post = 0; post < this.model.postCount(this.step); post++) {
      if (!this.model.exists({ post, reply: -1 }, this.step)) continue;
      ids.push(this.model.idOf({ post, reply: -1 }));
      for (const reply of this.model.visibleReplies(post, this.step)) ids.push(this.model.idOf({ post, reply }));
    }
    return ids;
  }

  /** The status an id names, rendered as served now, or undefined when it does not exist. */
  statusOf(id: string): Record<string, unknown> | undefined {
    const ref = this.model.refOf(id);
    return ref && this.model.exists(ref, this.step) ? this.json.status(ref, this.step) : undefined;
  }

  /** Times of a status's edits so far, oldest first. */
  editsOf(id: string): number {
    const ref = this.model.refOf(id);
    return ref ? this.model.editTimes(ref, this.step).length : 0;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(authorization: string | undefined, url: URL): FakeAnswer {
    if (url.pathname.startsWith('/system/media_attachments/')) return this.mediaFile(url.pathname);
    if (this.refusals.left > 0) {
      this.refusals.left -= 1;
      const limit = (this.rateWindow?.limit ?? MASTODON_RATE_LIMIT).requests;
      return this.tooMany(limitHeaders(limit, 0, Date.now() + this.refusals.waitMs));
    }
    const spent = this.rateWindow?.spend();
    if (spent && !spent.allowed) return this.tooMany(spent.headers);
    this.served += 1;
    const answer = this.route(authorization, url);
    answer.headers = {
      ...spent?.headers,
      date: new Date(this.model.timeOf(this.step)).toUTCString(),
      ...answer.headers,
    };
    return answer;
  }

  private route(authorization: string | undefined, url: URL): FakeAnswer {
    const withToken = authorization !== undefined;
    if (withToken && this.accessToken !== undefined && authorization !== `Bearer ${this.accessToken}`) {
      return { status: 401, body: { error: 'The access token is invalid' } };
    }
    const path = url.pathname;
    if (path === '/api/v1/accounts/lookup') {
      const acct = url.searchParams.get('acct');
      const local = acct === FAKE_USERNAME || acct === `${FAKE_USERNAME}@${new URL(this.baseUrl).host}`;
      return local ? { body: this.json.account() } : NOT_FOUND;
    }
    let match = /^\/api\/v1\/accounts\/([^/]+)(\/statuses)?$/.exec(path);
    if (match) {
      if (match[1] !== FAKE_ACCOUNT_ID) return NOT_FOUND;
      return match[2] ? this.statuses(url) : { body: this.json.account() };
    }
    match = /^\/api\/v1\/statuses\/([^/]+)(\/context|\/history)?$/.exec(path);
    if (!match) return NOT_FOUND;
    const ref = this.model.refOf(match[1]);
    if (!ref || !this.model.exists(ref, this.step)) return NOT_FOUND;
    if (match[2] === '/context') return { body: this.context(ref, withToken) };
    if (match[2] === '/history') return { body: this.json.history(ref, this.step) };
    return { body: this.json.status(ref, this.step, this.isMalformed(ref)) };
  }

  /**
   * Newest first, below `max_id`. A page takes `limit` posts of the id space and drops those not shown
   * (deleted, followers-only), so pages can be short or empty and still link to the next one.
   */
  private statuses(url: URL): FakeAnswer {
    const limit = Math.min(40, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
    const maxId = url.searchParams.get('max_id');
    const below = maxId === null ? this.model.postCount(this.step) : (this.model.refOf(maxId)?.post ?? 0);
    const first = Math.min(below, this.model.postCount(this.step)) - 1;
    const last = Math.max(0, first - limit + 1);
    const page: object[] = [];
    for (let post = first; post >= last; post--) {
      const ref = { post, reply: -1 };
      if (this.model.exists(ref, this.step) && !this.model.isPrivate(post)) {
        page.push(this.json.status(ref, this.step, this.isMalformed(ref)));
      }
    }
    const links: string[] = [];
    const listing = `${this.baseUrl}/api/v1/accounts/${FAKE_ACCOUNT_ID}/statuses?limit=${limit}`;
    if (first >= 0 && last > 0)
      links.push(`<${listing}&max_id=${this.model.idOf({ post: last, reply: -1 })}>; rel="next"`);
    if (first >= 0) links.push(`<${listing}&min_id=${this.model.idOf({ post: first, reply: -1 })}>; rel="prev"`);
    return { body: page, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  /** Ancestors up to the post, and descendants depth-first, as many as an unauthenticated caller may see. */
  private context(ref: StatusRef, withToken: boolean): object {
    const visible = this.model.visibleReplies(ref.post, this.step);
    const children = new Map<number, number[]>();
    for (const reply of visible) {
      const parent = this.model.parentOf(ref.post, reply);
      children.set(parent, [...(children.get(parent) ?? []), reply]);
    }
    const descendants: object[] = [];
    const walk = (node: number) => {
      for (const reply of children.get(node) ?? []) {
        descendants.push(this.json.status({ post: ref.post, reply }, this.step));
        walk(reply);
      }
    };
    walk(ref.reply);
    const ancestors: object[] = [];
    for (let node = ref.reply; node >= 0;) {
      node = this.model.parentOf(ref.post, node);
      ancestors.unshift(this.json.status({ post: ref.post, reply: node }, this.step));
      if (node === -1) break;
    }
    return { ancestors, descendants: descendants.slice(0, withToken ? 4096 : DESCENDANTS_WITHOUT_TOKEN) };
  }

  private mediaFile(path: string): FakeAnswer {
    const ref = this.model.refOf(/\/files\/(\d+)\//.exec(path)?.[1] ?? '');
    if (!ref || ref.reply >= 0 || !this.model.hasMedia(ref.post)) return NOT_FOUND;
    return {
      headers: { 'content-type': 'image/png' },
      body: renderMockImage(8, 6, hashInts(this.model.seed, ref.post)),
    };
  }

  private isMalformed(ref: StatusRef): boolean {
    return ref.reply < 0 && this.malformed.has(ref.post);
  }

  private tooMany(headers: Record<string, string>): FakeAnswer {
    return { status: 429, headers, body: { error: 'Too many requests' } };
  }
}
