import type { IncomingHttpHeaders } from 'node:http';
import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import {
  FAKE_ORGANIZATION_ID,
  FAKE_ORGANIZATION_NAME,
  FAKE_ORGANIZATION_URN,
  FakeLinkedinOrganization,
  type CommentRef,
  type FakeLinkedinOptions,
} from './fake-linkedin-organization';

export interface FakeLinkedinServerOptions extends FakeLinkedinOptions {
  /** Calls a day before 429 (default 100,000). */
  dailyLimit?: number;
  /** The most elements a page holds, whatever `count` asks (default 100). */
  maxPageSize?: number;
  /** Posts whose JSON lacks `createdAt`: malformed elements. */
  malformedPosts?: number[];
}

export const FAKE_LINKEDIN_TOKEN = 'AQVfakeLinkedinAccessToken0123456789abcdef';
type TokenState = 'valid' | 'expired' | 'revoked';

function apiError(status: number, serviceErrorCode: number, code: string, message: string): FakeAnswer {
  return { status, body: { status, serviceErrorCode, code, message } };
}

/**
 * A fake LinkedIn Community Management API over real HTTP (reference/platform-apis.md §7): versioned REST under
 * `/rest` that insists on `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`; the organization lookup;
 * the posts author finder (`q=author`, `start`/`count`, `paging.total`, `LAST_MODIFIED` order); a post by URN
 * (404 once deleted); Social Actions comments on a post or a comment, and a comment by id; the Images API's
 * `downloadUrl`; 401 `EXPIRED_ACCESS_TOKEN`/`REVOKED_ACCESS_TOKEN`; 403 `ACCESS_DENIED` without the partner
 * permission; and a daily call limit answered 429 until `resetDay` (midnight UTC).
 */
export class FakeLinkedin {
  readonly organization: FakeLinkedinOrganization;
  private server!: RunningFake;
  private step = 0;
  private calls = 0;
  private tokenState: TokenState = 'valid';
  private partnerAccess = true;
  private adminLookup = true;
  private versionRetired = false;
  private readonly unlisted = new Set<string>();

  private constructor(private readonly options: FakeLinkedinServerOptions) {
    this.organization = new FakeLinkedinOrganization(options);
  }

  static async start(options: FakeLinkedinServerOptions): Promise<FakeLinkedin> {
    const fake = new FakeLinkedin(options);
    fake.server = await startFakeServer((request, url) => fake.answer(url, request.headers));
    return fake;
  }

  /** The API root to give as `apiUrl`. */
  get apiUrl(): string {
    return `${this.server.baseUrl}/rest`;
  }

  get accessToken(): string {
    return FAKE_LINKEDIN_TOKEN;
  }

  get organizationId(): string {
    return FAKE_ORGANIZATION_ID;
  }

  get requests(): string[] {
    return this.server.requests;
  }

  get currentStep(): number {
    return this.step;
  }

  advance(steps = 1): void {
    this.step += steps;
  }

  expireToken(): void {
    this.tokenState = 'expired';
  }

  revokeToken(): void {
    this.tokenState = 'revoked';
  }

  /** The app loses (or never had) the Community Management API's `r_organization_social`. */
  withdrawPartnerAccess(): void {
    this.partnerAccess = false;
  }

  /** The app lacks `rw_organization_admin`: the organization lookup answers 403, posts and comments still read. */
  denyOrganizationLookup(): void {
    this.adminLookup = false;
  }

  /** LinkedIn has sunset the version the connector names: every call answers 426. */
  retireVersion(): void {
    this.versionRetired = true;
  }

  /** Leaves an item out of listings while it still exists, as a paged listing shifting under edits can. */
  omitFromListings(urn: string): void {
    this.unlisted.add(urn);
  }

  /** Spends the day's calls down to `left`. */
  spendDailyLimit(left: number): void {
    this.calls = Math.max(0, (this.options.dailyLimit ?? 100_000) - left);
  }

  resetDay(): void {
    this.calls = 0;
  }

  /** Every live post and comment, with the text the connector should read now. */
  expected(): Map<string, string> {
    const org = this.organization;
    const texts = new Map<string, string>();
    for (const n of org.livePosts(this.step)) {
      texts.set(org.postUrn(n), org.postText(n, this.step));
      for (const c of org.liveComments(n, this.step)) {
        const ref = { post: n, comment: c, reply: -1 };
        texts.set(org.commentUrn(ref), org.commentText(ref, this.step));
        for (const r of org.liveReplies(n, c, this.step)) {
          const reply = { ...ref, reply: r };
          texts.set(org.commentUrn(reply), org.commentText(reply, this.step));
        }
      }
    }
    return texts;
  }

  imageOf(n: number): Buffer {
    return renderMockImage(24, 24, hashInts(this.options.seed, n, 91));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private answer(url: URL, headers: IncomingHttpHeaders): FakeAnswer {
    const download = /^\/media\/image-(\d+)\.png$/.exec(url.pathname);
    if (download) return { headers: { 'content-type': 'image/png' }, body: this.imageOf(Number(download[1])) };
    if (!url.pathname.startsWith('/rest/')) return { status: 404, body: 'Not Found' };
    const refusal = this.refusal(headers);
    if (refusal) return refusal;
    const version = String(headers['linkedin-version']);
    const segments = url.pathname.slice('/rest/'.length).split('/').map(decodeURIComponent);
    if (!this.partnerAccess && segments[0] !== 'images')
      return apiError(
        403,
        100,
        'ACCESS_DENIED',
        `Not enough permissions to access: partnerApiPostsExternal.FINDER-author.${version}`,
      );
    const [resource, target, sub, id] = segments;
    if (resource === 'organizations' && !this.adminLookup)
      return apiError(403, 100, 'ACCESS_DENIED', `Not enough permissions to access: organizations.GET.${version}`);
    if (resource === 'organizations' && segments.length === 2) return this.organizationLookup(target);
    if (resource === 'posts' && segments.length === 1) return this.postsByAuthor(url.searchParams);
    if (resource === 'posts' && segments.length === 2) return this.postLookup(target);
    if (resource === 'socialActions' && sub === 'comments' && segments.length === 3)
      return this.comments(target, url.searchParams);
    if (resource === 'socialActions' && sub === 'comments' && segments.length === 4)
      return this.commentLookup(target, id);
    if (resource === 'images' && segments.length === 2) return this.imageLookup(target);
    return apiError(404, 0, 'NOT_FOUND', `no resource at ${url.pathname}`);
  }

  /** What LinkedIn answers before looking at the request's resource: the daily limit, the token, the headers. */
  private refusal(headers: IncomingHttpHeaders): FakeAnswer | null {
    this.calls += 1;
    if (this.calls > (this.options.dailyLimit ?? 100_000))
      return apiError(
        429,
        101,
        'TOO_MANY_REQUESTS',
        'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      );
    if (headers.authorization !== `Bearer ${FAKE_LINKEDIN_TOKEN}`)
      return apiError(401, 65600, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
    if (this.tokenState === 'expired')
      return apiError(401, 65602, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired');
    if (this.tokenState === 'revoked')
      return apiError(401, 65601, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user');
    const version = String(headers['linkedin-version'] ?? '');
    if (!/^\d{6}$/.test(version))
      return apiError(
        400,
        100,
        'VERSION_MISSING',
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      );
    if (this.versionRetired)
      return apiError(426, 100, 'NONEXISTENT_VERSION', `Requested version ${version} is not active`);
    if (headers['x-restli-protocol-version'] !== '2.0.0')
      return apiError(400, 100, 'ILLEGAL_ARGUMENT', 'this resource needs X-Restli-Protocol-Version: 2.0.0');
    return null;
  }

  private organizationLookup(id: string): FakeAnswer {
    if (id !== FAKE_ORGANIZATION_ID) return apiError(404, 0, 'NOT_FOUND', `Organization ${id} not found`);
    return { body: { id: Number(id), localizedName: FAKE_ORGANIZATION_NAME, vanityName: 'townofx' } };
  }

  private postsByAuthor(params: URLSearchParams): FakeAnswer {
    if (params.get('q') !== 'author') return apiError(400, 100, 'ILLEGAL_ARGUMENT', 'unknown finder');
    const posts = (params.get('author') === FAKE_ORGANIZATION_URN ? this.organization.livePosts(this.step) : []).filter(
      (n) => !this.unlisted.has(this.organization.postUrn(n)),
    );
    return this.paged(posts, params, (n) => this.post(n));
  }

  private postLookup(urn: string): FakeAnswer {
    const n = this.organization.postOf(urn);
    if (n === null || !this.organization.postExists(n, this.step))
      return apiError(404, 0, 'NOT_FOUND', `Post ${urn} does not exist`);
    return { body: this.post(n) };
  }

  private comments(targetUrn: string, params: URLSearchParams): FakeAnswer {
    const org = this.organization;
    const parent = org.refOfUrn(targetUrn);
    if (parent) {
      if (!org.commentExists(parent, this.step)) return apiError(404, 0, 'NOT_FOUND', `Comment ${targetUrn} not found`);
      const replies = parent.reply < 0 ? org.liveReplies(parent.post, parent.comment, this.step) : [];
      return this.paged(replies, params, (r) => this.comment({ ...parent, reply: r }));
    }
    const n = org.postOf(targetUrn);
    if (n === null || !org.postExists(n, this.step)) return apiError(404, 0, 'NOT_FOUND', `${targetUrn} not found`);
    const comments = org
      .liveComments(n, this.step)
      .filter((c) => !this.unlisted.has(org.commentUrn({ post: n, comment: c, reply: -1 })));
    return this.paged(comments, params, (c) => this.comment({ post: n, comment: c, reply: -1 }));
  }

  private commentLookup(targetUrn: string, id: string): FakeAnswer {
    const ref = this.organization.refOf(id);
    const n = this.organization.postOf(targetUrn);
    if (!ref || ref.post !== n || !this.organization.commentExists(ref, this.step))
      return apiError(404, 0, 'NOT_FOUND', `Comment ${id} not found`);
    return { body: this.comment(ref) };
  }

  private imageLookup(urn: string): FakeAnswer {
    const match = /^urn:li:image:D4E10AQ(\d+)$/.exec(urn);
    if (!match) return apiError(404, 0, 'NOT_FOUND', `Image ${urn} not found`);
    return {
      body: {
        id: urn,
        owner: FAKE_ORGANIZATION_URN,
        status: 'AVAILABLE',
        downloadUrl: `${this.server.baseUrl}/media/image-${match[1]}.png`,
        downloadUrlExpiresAt: this.organization.timeOf(this.step) + 3_600_000,
      },
    };
  }

  private post(n: number): object {
    const org = this.organization;
    const malformed = this.options.malformedPosts?.includes(n);
    return {
      id: org.postUrn(n),
      author: FAKE_ORGANIZATION_URN,
      commentary: org.postText(n, this.step).replace(/[()]/g, (reserved) => `\\${reserved}`),
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(org.hasImage(n) ? { content: { media: { id: `urn:li:image:D4E10AQ${n}`, altText: '' } } } : {}),
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
      ...(malformed ? {} : { createdAt: org.postCreatedAt(n) }),
      publishedAt: org.postCreatedAt(n),
      lastModifiedAt: org.postModifiedAt(n, this.step),
      lifecycleStateInfo: { isEditedByAuthor: org.postModifiedAt(n, this.step) > org.postCreatedAt(n) },
    };
  }

  private comment(ref: CommentRef): object {
    const org = this.organization;
    const urn = org.commentUrn(ref);
    const actor = org.commentActor(ref);
    const replies = ref.reply < 0 ? org.liveReplies(ref.post, ref.comment, this.step).length : 0;
    return {
      id: org.commentId(ref),
      commentUrn: urn,
      $URN: urn,
      actor,
      agent: actor,
      object: org.activityUrn(ref.post),
      message: { text: org.commentText(ref, this.step), attributes: [] },
      created: { actor, time: org.commentCreatedAt(ref) },
      lastModified: { actor, time: org.commentModifiedAt(ref, this.step) },
      ...(ref.reply >= 0 ? { parentComment: org.commentUrn({ ...ref, reply: -1 }) } : {}),
      likesSummary: { totalLikes: 0, likedByCurrentUser: false },
      commentsSummary: { totalFirstLevelComments: replies, aggregatedTotalComments: replies, selectedComments: [] },
    };
  }

  /** A Rest.li collection page from `start`, at most `count` (capped at `maxPageSize`), with `paging.total`. */
  private paged<T>(all: T[], params: URLSearchParams, render: (element: T) => object): FakeAnswer {
    const count = Math.min(this.options.maxPageSize ?? 100, Math.max(1, Number(params.get('count') ?? '10') || 10));
    const start = Math.max(0, Number(params.get('start') ?? '0') || 0);
    const elements = all.slice(start, start + count).map(render);
    return { body: { paging: { start, count, total: all.length, links: [] }, elements } };
  }
}
