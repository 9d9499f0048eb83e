import { hashInts } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { FakeBlueskyViews } from './fake-bluesky-views';
import { FakeBlueskyWorld, type FakeBlueskyOptions } from './fake-bluesky-world';

const WINDOW_SECONDS = 300;
const WINDOW_LIMIT = 3000;
const FEED_FILTERS = ['posts_with_replies', 'posts_no_replies', 'posts_with_media', 'posts_and_author_threads'];
const IMAGE = /^\/img\/(feed_fullsize|feed_thumbnail)\/plain\/(did:[a-z]+:[a-z0-9]+)\/([a-z0-9]+)@jpeg$/;

export interface FakeBlueskyServerOptions extends FakeBlueskyOptions {
  /** Posts (by index n, 0 = oldest) whose feed item is served malformed. */
  malformedPosts?: number[];
  /** About one feed page in N is first served empty, still carrying a cursor (as the AppView sometimes does). */
  emptyPageEvery?: number;
}

/**
 * A fake Bluesky AppView and image CDN over real HTTP: `app.bsky.feed.getAuthorFeed` (cursor paging) and
 * `app.bsky.feed.getPostThread` (threads, `NotFound` as a 400 XRPC error), `RateLimit-*` headers on every
 * answer and a 429 when a test asks, and image bytes under `/img/…`. Deterministic from the seed; `advance()`
 * moves its clock. Nothing is held per post, so it serves a 100,000-post account as easily as a small one.
 */
export class FakeBluesky {
  readonly world: FakeBlueskyWorld;
  private views!: FakeBlueskyViews;
  private running!: RunningFake;
  private refusals: Array<{ after: number; resetInSeconds: number }> = [];
  private windowStart = Date.now();
  private windowUsed = 0;

  private constructor(private readonly options: FakeBlueskyServerOptions) {
    const { malformedPosts: _malformed, emptyPageEvery: _empty, ...world } = options;
    this.world = new FakeBlueskyWorld(world);
  }

  static async start(options: FakeBlueskyServerOptions): Promise<FakeBluesky> {
    const fake = new FakeBluesky(options);
    fake.running = await startFakeServer((_request, url) => fake.answer(url));
    fake.views = new FakeBlueskyViews(fake.world, {
      cdnUrl: fake.running.baseUrl,
      malformedPosts: new Set(options.malformedPosts ?? []),
      emptyPageEvery: options.emptyPageEvery ?? 0,
    });
    return fake;
  }

  /** `http://127.0.0.1:<port>`: the AppView's `serviceUrl` and the CDN's address. */
  get baseUrl(): string {
    return this.running.baseUrl;
  }

  /** Every request received, as `GET /path?query`, in order. */
  get requests(): string[] {
    return this.running.requests;
  }

  advance(steps = 1): void {
    this.world.advance(steps);
  }

  /** Answers the request `after` requests from now with a 429 whose `RateLimit-Reset` is `resetInSeconds` away. */
  rateLimitAfter(after: number, resetInSeconds = 1): void {
    this.refusals.push({ after: this.requests.length + after, resetInSeconds });
  }

  close(): Promise<void> {
    return this.running.close();
  }

  private answer(url: URL): FakeAnswer {
    const number = this.requests.length - 1;
    const refusal = this.refusals.find((candidate) => candidate.after === number);
    if (refusal !== undefined) return this.refuse(refusal.resetInSeconds);
    const answer = this.route(url);
    return { ...answer, headers: { ...answer.headers, ...this.rateLimitHeaders() } };
  }

  private route(url: URL): FakeAnswer {
    const image = IMAGE.exec(url.pathname);
    if (image !== null) return { headers: { 'content-type': 'image/jpeg' }, body: imageBytes(image[3]) };
    const query = url.searchParams;
    switch (url.pathname) {
      case '/xrpc/app.bsky.feed.getAuthorFeed':
        return this.getAuthorFeed(query);
      case '/xrpc/app.bsky.feed.getPostThread':
        return this.getPostThread(query);
      default:
        return url.pathname.startsWith('/xrpc/')
          ? xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented')
          : { status: 404, body: 'Not Found' };
    }
  }

  private getAuthorFeed(query: URLSearchParams): FakeAnswer {
    const actor = query.get('actor') ?? '';
    const limit = integerParam(query, 'limit', 50, 1, 100);
    const filter = query.get('filter') ?? 'posts_with_replies';
    if (!actor) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "actor"');
    if (limit === undefined) return xrpcError(400, 'InvalidRequest', 'Error: limit must be between 1 and 100');
    if (!FEED_FILTERS.includes(filter)) return xrpcError(400, 'InvalidRequest', `Error: filter must be one of …`);
    const { world } = this;
    if (actor !== world.townDid && actor.toLowerCase() !== world.options.handle.toLowerCase()) {
      return xrpcError(400, 'InvalidRequest', 'Profile not found');
    }
    return { body: this.views.authorFeed(query.get('cursor') ?? undefined, limit) };
  }

  private getPostThread(query: URLSearchParams): FakeAnswer {
    const uri = query.get('uri') ?? '';
    const depth = integerParam(query, 'depth', 6, 0, 1000);
    const parentHeight = integerParam(query, 'parentHeight', 80, 0, 1000);
    if (depth === undefined || parentHeight === undefined) {
      return xrpcError(400, 'InvalidRequest', 'Error: depth and parentHeight must be between 0 and 1000');
    }
    if (!uri.startsWith('at://')) return xrpcError(400, 'InvalidRequest', 'Error: uri must be a valid at-uri');
    const key = this.world.keyOf(uri);
    const post = key === undefined ? undefined : this.world.post(key);
    if (post === undefined || post.deleted) return xrpcError(400, 'NotFound', `Post not found: ${uri}`);
    return { body: this.views.thread(key!, depth, parentHeight) };
  }

  private refuse(resetInSeconds: number): FakeAnswer {
    const reset = Math.ceil(Date.now() / 1000) + resetInSeconds;
    return {
      ...xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded'),
      headers: {
        'RateLimit-Limit': String(WINDOW_LIMIT),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(reset),
        'RateLimit-Policy': `${WINDOW_LIMIT};w=${WINDOW_SECONDS}`,
      },
    };
  }

  private rateLimitHeaders(): Record<string, string> {
    const now = Date.now();
    if (now - this.windowStart >= WINDOW_SECONDS * 1000) [this.windowStart, this.windowUsed] = [now, 0];
    this.windowUsed++;
    return {
      'RateLimit-Limit': String(WINDOW_LIMIT),
      'RateLimit-Remaining': String(Math.max(0, WINDOW_LIMIT - this.windowUsed)),
      'RateLimit-Reset': String(Math.ceil(this.windowStart / 1000) + WINDOW_SECONDS),
      'RateLimit-Policy': `${WINDOW_LIMIT};w=${WINDOW_SECONDS}`,
    };
  }
}

function xrpcError(status: number, error: string, message: string): FakeAnswer {
  return { status, body: { error, message } };
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number) {
  const value = query.get(name);
  if (value === null) return fallback;
  const number = Number(value);
  return /^\d+$/.test(value) && number >= min && number <= max ? number : undefined;
}

/** Bytes standing for the image a blob CID names: a JPEG's start and end markers around seeded bytes. */
export function imageBytes(cid: string): Uint8Array {
  const seed = [...cid].reduce((hash, char) => hashInts(hash, char.charCodeAt(0)), 0x1e6);
  const body = Array.from({ length: 256 }, (_unused, index) => hashInts(seed, index) & 255);
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from(`fake jpeg ${cid}`), ...body, 0xff, 0xd9]);
}
