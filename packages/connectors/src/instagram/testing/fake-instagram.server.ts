import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import { decodeAfter, graphPaging, limitOf } from '../../graph/testing/fake-graph-paging';
import {
  FakeGraph,
  missingObject,
  type GraphCall,
  type GraphSurface,
  type ThrottleOptions,
} from '../../graph/testing/fake-graph.server';
import type { FakeAnswer } from '../../testing/fake-server';
import {
  CAROUSEL_SIZE,
  FAKE_IG_USER_ID,
  FAKE_IG_USERNAME,
  FakeInstagramAccount,
  type FakeInstagramOptions,
} from './fake-instagram-account';
import { FakeInstagramJson, IMAGE_HEIGHT, IMAGE_WIDTH } from './fake-instagram-json';

export interface FakeInstagramServerOptions extends FakeInstagramOptions {
  /** The token the fake accepts (default a fixed test token). */
  accessToken?: string;
  /** Media whose JSON lacks `timestamp` wherever they are listed: malformed items. */
  malformedMedia?: number[];
  /** Media whose file links are served already expired in listings (a stale CDN link); lookups sign afresh. */
  staleLinkMedia?: number[];
  /** Replies nested in a comment of `/comments` before its `replies.paging.next` (default 2). */
  nestedReplies?: number;
  /** Lifetime of signed media links on the fake's clock (default 3 h, three steps). */
  linkLifetimeMs?: number;
}

export const FAKE_IG_TOKEN = 'EAAfakeInstagramAccessToken012345';

/**
 * A fake Instagram professional account behind the fake Graph API: `/{ig-user-id}`, `/{ig-user-id}/media` (newest
 * first, paged by `paging.next`; deleted media leave short pages), `/{media-id}/comments` (top-level comments,
 * each with its first replies nested and a `replies.paging.next` when it has more), `/{comment-id}/replies`,
 * lookups by id (100/33 once deleted), and files behind expiring signed links. The BUC usage it reports is of
 * type `instagram`. Its clock moves only when a test says `advance()`.
 */
export class FakeInstagram implements GraphSurface {
  readonly account: FakeInstagramAccount;
  readonly json: FakeInstagramJson;
  readonly accessToken: string;
  step = 0;
  private graph!: FakeGraph;
  private readonly malformed: Set<number>;
  private readonly staleLinks: Set<number>;
  private readonly nestedReplies: number;

  private constructor(options: FakeInstagramServerOptions) {
    this.account = new FakeInstagramAccount(options);
    this.json = new FakeInstagramJson(this.account);
    this.accessToken = options.accessToken ?? FAKE_IG_TOKEN;
    this.malformed = new Set(options.malformedMedia ?? []);
    this.staleLinks = new Set(options.staleLinkMedia ?? []);
    this.nestedReplies = options.nestedReplies ?? 2;
  }

  static async start(options: FakeInstagramServerOptions): Promise<FakeInstagram> {
    const fake = new FakeInstagram(options);
    fake.graph = await FakeGraph.start(
      {
        accessToken: fake.accessToken,
        clock: () => fake.account.timeline.timeOf(fake.step),
        linkLifetimeMs: options.linkLifetimeMs,
        usageId: FAKE_IG_USER_ID,
        usageType: 'instagram',
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

  get igUserId(): string {
    return FAKE_IG_USER_ID;
  }

  /** Moves the clock an hour a step: media go up, residents comment, the account edits, hides and deletes. */
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

  /** Ids of every media, comment and reply that exists now. */
  existingIds(): string[] {
    const ids: string[] = [];
    const timeline = this.account.timeline;
    for (let media = 0; media < timeline.postCount(this.step); media++) {
      if (!timeline.exists({ post: media, comment: -1 }, this.step)) continue;
      ids.push(this.account.mediaIdOf(media));
      for (const comment of timeline.liveComments(media, this.step))
        ids.push(this.account.idOf({ post: media, comment }));
    }
    return ids;
  }

  /** The object an id names as a lookup serves it now, or undefined when gone. */
  objectOf(id: string): Record<string, unknown> | undefined {
    const ref = this.account.refOf(id);
    if (!ref || !this.account.timeline.exists(ref, this.step)) return undefined;
    const call: GraphCall = {
      segments: [],
      params: new URLSearchParams(),
      now: this.account.timeline.timeOf(this.step),
      cursorGeneration: 0,
      signMedia: (path) => path,
    };
    return ref.comment < 0 ? this.json.media(ref.post, this.step, call) : this.json.comment(ref, this.step);
  }

  answer(call: GraphCall): FakeAnswer | null {
    const [id, edge, ...extra] = call.segments;
    if (extra.length > 0) return null;
    if (id === FAKE_IG_USER_ID) {
      if (edge === undefined) return { body: { id: FAKE_IG_USER_ID, username: FAKE_IG_USERNAME } };
      return edge === 'media' ? this.mediaList(call) : null;
    }
    const ref = this.account.refOf(id);
    if (!ref || !this.account.timeline.exists(ref, this.step)) return missingObject(id);
    if (edge === undefined) {
      const body = ref.comment < 0 ? this.json.media(ref.post, this.step, call) : this.json.comment(ref, this.step);
      return { body };
    }
    if (edge === 'comments' && ref.comment < 0) return this.comments(ref.post, call);
    const isTopLevel = ref.comment >= 0 && this.account.timeline.parentOf(ref.post, ref.comment) === -1;
    return edge === 'replies' && isTopLevel ? this.replies(ref.post, ref.comment, call) : null;
  }

  media(path: string): { contentType: string; body: Uint8Array } | null {
    const match = /^\/media\/(?:v\/t51\.29350-15|o1\/v\/t16\/f2\/m86)\/(\d+)_(\d+)_(n|t)\.(png|mp4)$/.exec(path);
    if (!match) return null;
    const [media, index] = [Number(match[1]), Number(match[2])];
    const count = this.account.mediaTypeOf(media) === 'CAROUSEL_ALBUM' ? CAROUSEL_SIZE : 1;
    if (index >= count) return null;
    const isVideo = this.account.partTypeOf(media, index) === 'VIDEO';
    if (match[4] === 'mp4') return isVideo ? { contentType: 'video/mp4', body: fakeVideo(media, index) } : null;
    if (match[3] === 't' && !isVideo) return null;
    const colour = hashInts(this.account.seed, media, index + (match[3] === 't' ? 100 : 0));
    return { contentType: 'image/png', body: renderMockImage(IMAGE_WIDTH, IMAGE_HEIGHT, colour) };
  }

  /** Newest first; a page spans `limit` media of the id space and leaves out the deleted ones. */
  private mediaList(call: GraphCall): FakeAnswer {
    const limit = limitOf(call);
    const count = this.account.timeline.postCount(this.step);
    const after = decodeAfter(call.params.get('after'));
    const first = after === null ? count - 1 : Math.min(after, count - 1);
    const last = Math.max(0, first - limit + 1);
    const data: object[] = [];
    for (let media = first; media >= last; media--) {
      if (!this.account.timeline.exists({ post: media, comment: -1 }, this.step)) continue;
      const flags = { malformed: this.malformed.has(media), staleLinks: this.staleLinks.has(media) };
      data.push(this.json.media(media, this.step, call, flags));
    }
    const path = `/v21.0/${FAKE_IG_USER_ID}/media`;
    return { body: { data, paging: graphPaging(this.baseUrl, call, path, first, last > 0 ? last - 1 : null) } };
  }

  /** Top-level comments, oldest first, each with its first replies nested; hidden ones included. */
  private comments(media: number, call: GraphCall): FakeAnswer {
    const limit = limitOf(call);
    const live = this.account.liveComments(media, this.step);
    const from = decodeAfter(call.params.get('after')) ?? 0;
    const data = live.slice(from, from + limit).map((comment) => {
      const rendered = this.json.comment({ post: media, comment }, this.step);
      const replies = this.account.liveReplies(media, comment, this.step);
      if (replies.length === 0) return rendered;
      const nested = replies
        .slice(0, this.nestedReplies)
        .map((reply) => this.json.comment({ post: media, comment: reply }, this.step));
      const more = replies.length > this.nestedReplies ? this.nestedReplies : null;
      const repliesCall = { ...call, params: new URLSearchParams({ limit: String(this.nestedReplies) }) };
      const path = `/v21.0/${this.account.idOf({ post: media, comment })}/replies`;
      return { ...rendered, replies: { data: nested, paging: graphPaging(this.baseUrl, repliesCall, path, 0, more) } };
    });
    const path = `/v21.0/${this.account.mediaIdOf(media)}/comments`;
    const next = from + limit < live.length ? from + limit : null;
    return { body: { data, paging: graphPaging(this.baseUrl, call, path, from, next) } };
  }

  /** A comment's replies, oldest first, from `after`. */
  private replies(media: number, comment: number, call: GraphCall): FakeAnswer {
    const limit = limitOf(call);
    const live = this.account.liveReplies(media, comment, this.step);
    const from = decodeAfter(call.params.get('after')) ?? 0;
    const data = live
      .slice(from, from + limit)
      .map((reply) => this.json.comment({ post: media, comment: reply }, this.step));
    const path = `/v21.0/${this.account.idOf({ post: media, comment })}/replies`;
    const next = from + limit < live.length ? from + limit : null;
    return { body: { data, paging: graphPaging(this.baseUrl, call, path, from, next) } };
  }
}

/** A few bytes that start like an MP4 (`ftyp` box), seeded per file: enough for the archive to keep and hash. */
function fakeVideo(media: number, index: number): Uint8Array {
  const header = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
  const body = Buffer.alloc(64, hashInts(media, index) & 0xff);
  return Buffer.concat([header, body]);
}
