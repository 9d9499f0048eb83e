import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import {
  FakeGraph,
  missingObject,
  type GraphCall,
  type GraphSurface,
  type ThrottleOptions,
} from '../../graph/testing/fake-graph.server';
import type { GraphRateLimit } from '../../graph/testing/fake-graph-rate-limit';
import { decodeAfter, graphPaging, limitOf } from '../../graph/testing/fake-graph-paging';
import type { FakeAnswer } from '../../testing/fake-server';
import { FakeFacebookJson, PHOTO_HEIGHT, PHOTO_WIDTH } from './fake-facebook-json';
import {
  FAKE_PAGE_ID,
  FAKE_PAGE_NAME,
  FakeFacebookPage,
  type FakeFacebookOptions,
  type PageRef,
} from './fake-facebook-page';

export interface FakeFacebookServerOptions extends FakeFacebookOptions {
  /** The Page access token the fake accepts (default a fixed test token). */
  accessToken?: string;
  /** When set, calls must carry the matching `appsecret_proof`. */
  appSecret?: string;
  /** Posts whose JSON lacks `created_time` wherever they are listed: malformed items. */
  malformedPosts?: number[];
  /** Posts whose photo links are served already expired in listings (a stale CDN link); lookups sign afresh. */
  staleLinkPosts?: number[];
  /** Lifetime of signed media links on the fake's clock (default 3 h, three steps). */
  linkLifetimeMs?: number;
  /** The Page's BUC budget over a rolling window, in real time (e.g. `pagesRateLimit(engagedUsers)`); none by default. */
  rateLimit?: GraphRateLimit;
}

export const FAKE_PAGE_TOKEN = 'EAAfakePageAccessToken0123456789';

/**
 * A fake Facebook Page behind the fake Graph API: `/{page-id}`, `/{page-id}/published_posts` (newest first,
 * cursor paging through `paging.next`; deleted posts leave short or empty pages that still have a next),
 * `/{post-id}/comments` (`filter=stream` flattens replies in, each with `parent`; otherwise top level only),
 * object lookups (`100/33` once deleted), and photos behind expiring signed links. Its clock moves only when a
 * test says `advance()`.
 */
export class FakeFacebook implements GraphSurface {
  readonly page: FakeFacebookPage;
  readonly json: FakeFacebookJson;
  readonly accessToken: string;
  step = 0;
  private graph!: FakeGraph;
  private readonly malformed: Set<number>;
  private readonly staleLinks: Set<number>;

  private constructor(private readonly options: FakeFacebookServerOptions) {
    this.page = new FakeFacebookPage(options);
    this.json = new FakeFacebookJson(this.page);
    this.accessToken = options.accessToken ?? FAKE_PAGE_TOKEN;
    this.malformed = new Set(options.malformedPosts ?? []);
    this.staleLinks = new Set(options.staleLinkPosts ?? []);
  }

  static async start(options: FakeFacebookServerOptions): Promise<FakeFacebook> {
    const fake = new FakeFacebook(options);
    fake.graph = await FakeGraph.start(
      {
        accessToken: fake.accessToken,
        appSecret: options.appSecret,
        clock: () => fake.page.timeOf(fake.step),
        linkLifetimeMs: options.linkLifetimeMs,
        usageId: FAKE_PAGE_ID,
        rateLimit: options.rateLimit,
      },
      [fake],
    );
    return fake;
  }

  get baseUrl(): string {
    return this.graph.baseUrl;
  }

  get requests(): string[] {
    return this.graph.requests;
  }

  get pageId(): string {
    return FAKE_PAGE_ID;
  }

  /** Moves the clock an hour a step: posts go up, residents comment, the Page edits, hides and deletes. */
  advance(steps = 1): void {
    this.step += steps;
  }

  throttleNext(count: number, throttle: ThrottleOptions): void {
    this.graph.throttleNext(count, throttle);
  }

  setUsage(percent: number): void {
    this.graph.setUsage(percent);
  }

  revokeToken(): void {
    this.graph.revokeToken();
  }

  /** Every paging cursor handed out so far stops working (Graph's are short-lived). */
  expireCursors(): void {
    this.graph.expireCursors();
  }

  close(): Promise<void> {
    return this.graph.close();
  }

  /** Ids of every post and comment that exists now. */
  existingIds(): string[] {
    const ids: string[] = [];
    for (let post = 0; post < this.page.postCount(this.step); post++) {
      if (!this.page.exists({ post, comment: -1 }, this.step)) continue;
      ids.push(this.page.postIdOf(post));
      for (const comment of this.page.liveComments(post, this.step)) ids.push(this.page.idOf({ post, comment }));
    }
    return ids;
  }

  /** The object an id names as served now (for a post, as a lookup serves it), or undefined when gone. */
  objectOf(id: string): Record<string, unknown> | undefined {
    const ref = this.page.refOf(id);
    if (!ref || !this.page.exists(ref, this.step)) return undefined;
    return this.render(ref, this.callFor()) as Record<string, unknown>;
  }

  answer(call: GraphCall): FakeAnswer | null {
    const [id, edge, ...extra] = call.segments;
    if (extra.length > 0) return null;
    if (id === FAKE_PAGE_ID) {
      if (edge === undefined) return { body: { id: FAKE_PAGE_ID, name: FAKE_PAGE_NAME } };
      return edge === 'published_posts' ? this.publishedPosts(call) : null;
    }
    const ref = this.page.refOf(id);
    if (!ref || !this.page.exists(ref, this.step)) return missingObject(id);
    if (edge === undefined) return { body: this.render(ref, call) };
    return edge === 'comments' && ref.comment < 0 ? this.comments(ref.post, call) : null;
  }

  media(path: string): { contentType: string; body: Uint8Array } | null {
    const match = /^\/media\/v\/t39\.30808-6\/(\d+)_(\d+)_n\.png$/.exec(path);
    if (!match) return null;
    const [post, index] = [Number(match[1]), Number(match[2])];
    if (index >= this.page.photoCount(post)) return null;
    return {
      contentType: 'image/png',
      body: renderMockImage(PHOTO_WIDTH, PHOTO_HEIGHT, hashInts(this.page.seed, post, index)),
    };
  }

  private render(ref: PageRef, call: GraphCall): object {
    return ref.comment < 0 ? this.json.post(ref.post, this.step, call) : this.json.comment(ref, this.step);
  }

  /** Newest first; a page spans `limit` posts of the id space and leaves out the deleted ones. */
  private publishedPosts(call: GraphCall): FakeAnswer {
    const limit = limitOf(call);
    const count = this.page.postCount(this.step);
    const after = decodeAfter(call.params.get('after'));
    const first = after === null ? count - 1 : Math.min(after, count - 1);
    const last = Math.max(0, first - limit + 1);
    const data: object[] = [];
    for (let post = first; post >= last; post--) {
      if (!this.page.exists({ post, comment: -1 }, this.step)) continue;
      data.push(
        this.json.post(post, this.step, call, {
          malformed: this.malformed.has(post),
          staleLinks: this.staleLinks.has(post),
        }),
      );
    }
    const path = `/v21.0/${FAKE_PAGE_ID}/published_posts`;
    return { body: { data, paging: this.paging(call, path, first, last > 0 ? last - 1 : null) } };
  }

  /** Chronological; `filter=stream` lists replies too, each with its `parent`; hidden ones are included. */
  private comments(post: number, call: GraphCall): FakeAnswer {
    const limit = limitOf(call);
    const stream = call.params.get('filter') === 'stream';
    const live = this.page
      .liveComments(post, this.step)
      .filter((comment) => stream || this.page.parentOf(post, comment) === -1);
    const from = decodeAfter(call.params.get('after')) ?? 0;
    const slice = live.slice(from, from + limit);
    const data = slice.map((comment) => this.json.comment({ post, comment }, this.step));
    const path = `/v21.0/${this.page.postIdOf(post)}/comments`;
    const body: Record<string, unknown> = {
      data,
      paging: this.paging(call, path, from, from + limit < live.length ? from + limit : null),
    };
    if (call.params.get('summary') === 'true')
      body.summary = { order: 'chronological', total_count: live.length, can_comment: true };
    return { body };
  }

  private paging(call: GraphCall, path: string, before: number, after: number | null): object {
    return graphPaging(this.baseUrl, call, path, before, after);
  }

  private callFor(): GraphCall {
    return {
      segments: [],
      params: new URLSearchParams(),
      now: this.page.timeOf(this.step),
      cursorGeneration: 0,
      signMedia: (path) => path,
    };
  }
}
