import { createHmac } from 'node:crypto';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { INVALID_CURSOR_CODE } from '../graph-error';
import { readCursor } from './fake-graph-paging';
import { FakeRollingBudget, type GraphRateLimit } from './fake-graph-rate-limit';

/** A request to the fake Graph API, once the version and token are checked. */
export interface GraphCall {
  /** Path segments after the version: `['1111', 'published_posts']`. */
  segments: string[];
  params: URLSearchParams;
  /** The fake's clock now (epoch ms). */
  now: number;
  /** The generation of the cursors this answer hands out (see FakeGraph.expireCursors). */
  cursorGeneration: number;
  /** Signs a media path on this server with an expiry: `<base>/media/…?oe=<hex s>&oh=<signature>`. */
  signMedia(path: string, expiresAt?: number): string;
}

/**
 * One platform the fake Graph serves (the Facebook Page now; an Instagram account can be another). `answer`
 * returns null for a path it does not know; `media` the bytes of a file path, or null.
 */
export interface GraphSurface {
  answer(call: GraphCall): FakeAnswer | null;
  media(path: string): { contentType: string; body: Uint8Array } | null;
}

export interface FakeGraphOptions {
  accessToken: string;
  /** When set, calls must carry `appsecret_proof` = HMAC-SHA256(appSecret, token), as with "Require App Secret". */
  appSecret?: string;
  /** The fake's clock (epoch ms); media link expiries and checks use it. */
  clock: () => number;
  /** How long a signed media link lives on the fake's clock (default 3 h). */
  linkLifetimeMs?: number;
  /** The object id usage is reported for in `X-Business-Use-Case-Usage` (the Page id, the IG user id). */
  usageId: string;
  /** The BUC type reported for it: `pages` (default) or `instagram`. */
  usageType?: string;
  /**
   * A BUC budget enforced over a rolling window (e.g. `pagesRateLimit(engagedUsers)`, Meta's published Pages
   * limit): usage reported as its share, and calls beyond it refused with 80001 (80002 for `instagram`) and the
   * minutes until access returns. None by default: usage stays where `setUsage` puts it.
   */
  rateLimit?: GraphRateLimit;
}

/** A throttling refusal as Graph sends it: code, message, and the headers that say how long. */
export interface ThrottleOptions {
  code: 4 | 17 | 32 | 613 | 80001 | 80002;
  /** `estimated_time_to_regain_access` in the BUC header (minutes); none when 0 or absent. */
  regainMinutes?: number;
}

const MESSAGES: Record<number, string> = {
  4: 'Application request limit reached',
  17: 'User request limit reached',
  32: 'Page request limit reached',
  613: 'Calls to this api have exceeded the rate limit.',
  80001: 'There have been too many calls to this Page account. Wait a bit and try again.',
  80002: 'There have been too many calls to this Instagram account. Wait a bit and try again.',
};

/** Graph's error envelope with a trace id. */
export function graphError(code: number, message: string, subcode?: number, type = 'OAuthException'): object {
  return { error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AFakeTrace' } };
}

/** HTTP 400 `100/33`, what Graph answers for an object that does not exist (or may not be read). */
export function missingObject(id: string): FakeAnswer {
  const message = `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`;
  return { status: 400, body: graphError(100, message, 33, 'GraphMethodException') };
}

/**
 * A fake Graph API over real HTTP (reference/platform-apis.md §1–2): checks the version and token (190 when it
 * is wrong or revoked), reports usage in `X-App-Usage` and `X-Business-Use-Case-Usage`, throttles on demand with
 * codes 4/17/32/613/80001 in the body (HTTP 400/403, never 429), and serves media through signed links that
 * expire (`oe`), answering 403 once they have. What it serves is up to its surfaces.
 */
export class FakeGraph {
  private server!: RunningFake;
  private accessToken: string;
  private usagePercent = 3;
  private cursorGeneration = 0;
  private readonly refusals: Array<{ status: number; body: object; headers: Record<string, string> }> = [];
  private readonly budget: FakeRollingBudget | null;

  private constructor(
    private readonly options: FakeGraphOptions,
    private readonly surfaces: GraphSurface[],
  ) {
    this.accessToken = options.accessToken;
    this.budget = options.rateLimit ? new FakeRollingBudget(options.rateLimit) : null;
  }

  static async start(options: FakeGraphOptions, surfaces: GraphSurface[]): Promise<FakeGraph> {
    const fake = new FakeGraph(options, surfaces);
    fake.server = await startFakeServer((_request, url) => fake.answer(url));
    return fake;
  }

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Every request received, as `GET /path?query`, tokens included (a test may check they are sent). */
  get requests(): string[] {
    return this.server.requests;
  }

  /** The next `count` API calls are throttled as Graph does it. */
  throttleNext(count: number, throttle: ThrottleOptions): void {
    for (let index = 0; index < count; index++) this.refusals.push(this.refusal(throttle));
  }

  /** Usage reported on every answer from now on (percent of the object's BUC budget). */
  setUsage(percent: number): void {
    this.usagePercent = percent;
  }

  /** The token stops working, as when it expires or the person who made it changes their password. */
  revokeToken(): void {
    this.accessToken = `revoked-${this.accessToken}`;
  }

  /**
   * Every cursor handed out so far stops working, as Graph's short-lived cursors do after a long pause or when
   * their item is deleted: a call with one is refused with code 2642, "Invalid cursors values".
   */
  expireCursors(): void {
    this.cursorGeneration += 1;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL): FakeAnswer {
    if (url.pathname.startsWith('/media/')) return this.mediaFile(url);
    const match = /^\/v\d+\.\d+\/(.+)$/.exec(url.pathname);
    if (!match) return { status: 400, body: graphError(2500, 'Unknown path components') };
    const refused = this.refusals.shift();
    if (refused) return refused;
    const token = url.searchParams.get('access_token');
    if (token !== this.accessToken) {
      return {
        status: 400,
        body: graphError(
          190,
          'Error validating access token: Session has expired on Tuesday, 01-Apr-25 10:00:00 PDT.',
          463,
        ),
      };
    }
    if (this.options.appSecret && url.searchParams.get('appsecret_proof') !== this.proof(token)) {
      return {
        status: 400,
        body: graphError(
          100,
          'Invalid appsecret_proof provided in the API argument',
          undefined,
          'GraphMethodException',
        ),
      };
    }
    const after = readCursor(url.searchParams.get('after'));
    if (after !== null && after.generation < this.cursorGeneration) {
      return { status: 400, body: graphError(INVALID_CURSOR_CODE, '(#2642) Invalid cursors values') };
    }
    const spent = this.budget?.spend();
    if (spent && !spent.allowed) {
      const code = this.options.usageType === 'instagram' ? 80002 : 80001;
      return this.refusal({ code, regainMinutes: spent.regainMinutes }, spent.percent);
    }
    const call: GraphCall = {
      segments: match[1].split('/').map(decodeURIComponent),
      params: url.searchParams,
      now: this.options.clock(),
      cursorGeneration: this.cursorGeneration,
      signMedia: (path, expiresAt) => this.signMedia(path, expiresAt),
    };
    for (const surface of this.surfaces) {
      const answer = surface.answer(call);
      if (answer) return { ...answer, headers: { ...this.usageHeaders(spent?.percent ?? 0), ...answer.headers } };
    }
    return missingObject(call.segments[0]);
  }

  /** A throttling answer: the code in the body (HTTP 403 for 4, else 400) and usage headers saying how long. */
  private refusal(throttle: ThrottleOptions, percent = 100) {
    const business = {
      [this.options.usageId]: [
        {
          type: this.options.usageType ?? 'pages',
          call_count: percent,
          total_cputime: 40,
          total_time: 40,
          estimated_time_to_regain_access: throttle.regainMinutes ?? 0,
        },
      ],
    };
    return {
      status: throttle.code === 4 ? 403 : 400,
      body: graphError(throttle.code, MESSAGES[throttle.code]),
      headers: {
        'x-app-usage': JSON.stringify({ call_count: throttle.code === 4 ? 100 : 10, total_cputime: 5, total_time: 5 }),
        'x-business-use-case-usage': JSON.stringify(business),
      },
    };
  }

  /** Usage on a served answer: the higher of what `setUsage` set and the share of the rolling budget spent. */
  private usageHeaders(budgetPercent: number): Record<string, string> {
    const percent = Math.max(this.usagePercent, budgetPercent);
    return {
      'x-app-usage': JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }),
      'x-business-use-case-usage': JSON.stringify({
        [this.options.usageId]: [
          {
            type: this.options.usageType ?? 'pages',
            call_count: percent,
            total_cputime: 1,
            total_time: 1,
            estimated_time_to_regain_access: 0,
          },
        ],
      }),
    };
  }

  private signMedia(
    path: string,
    expiresAt = this.options.clock() + (this.options.linkLifetimeMs ?? 3 * 3_600_000),
  ): string {
    const oe = Math.floor(expiresAt / 1000).toString(16);
    return `${this.baseUrl}${path}?_nc_cat=1&oh=${this.mediaSignature(path, oe)}&oe=${oe}`;
  }

  private mediaSignature(path: string, oe: string): string {
    return createHmac('sha256', `media:${this.options.accessToken}`).update(`${path}|${oe}`).digest('hex').slice(0, 32);
  }

  /** A file through its signed link: 403 for a bad signature or an expired link, as Meta's CDN answers. */
  private mediaFile(url: URL): FakeAnswer {
    const oe = url.searchParams.get('oe') ?? '';
    const valid = url.searchParams.get('oh') === this.mediaSignature(url.pathname, oe);
    if (!valid) return { status: 403, body: 'Bad URL hash' };
    if (parseInt(oe, 16) * 1000 <= this.options.clock()) return { status: 403, body: 'URL signature expired' };
    for (const surface of this.surfaces) {
      const file = surface.media(url.pathname);
      if (file) return { headers: { 'content-type': file.contentType }, body: file.body };
    }
    return { status: 404, body: 'Not Found' };
  }

  private proof(token: string): string {
    return createHmac('sha256', this.options.appSecret!).update(token).digest('hex');
  }
}
