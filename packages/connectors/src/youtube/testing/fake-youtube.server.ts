import { renderMockImage } from '../../mock/mock-media';
import { hashInts } from '../../mock/prng';
import { startFakeServer, type FakeAnswer, type RunningFake } from '../../testing/fake-server';
import { FakeYoutubeChannel, type CommentRef, type FakeYoutubeOptions } from './fake-youtube-channel';

export interface FakeYoutubeServerOptions extends FakeYoutubeOptions {
  /** The API key the fake accepts (default a fixed test key). */
  apiKey?: string;
  /** The OAuth access token of the channel's owner the fake accepts as `Authorization: Bearer` (default a fixed one). */
  accessToken?: string;
  /** Units a day before `quotaExceeded` (default 10,000, every call costing 1). */
  dailyQuota?: number;
  /** Videos whose playlist item lacks `videoPublishedAt`: malformed items. */
  malformedVideos?: number[];
}

export const FAKE_YOUTUBE_KEY = 'AIzaFakeYoutubeKey0123456789';
export const FAKE_YOUTUBE_TOKEN = 'ya29.FakeYoutubeOwnerToken0123456789';
/** The owner's refresh token and the OAuth client the fake's token endpoint accepts. */
export const FAKE_YOUTUBE_OAUTH = {
  refreshToken: '1//FakeYoutubeRefreshToken0123456789',
  clientId: '123456789012-fake.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-FakeClientSecret01',
} as const;
export const FAKE_CHANNEL_ID = 'UCtownofx000000000000001';
const INLINE_REPLIES = 5;

function apiError(status: number, reason: string, message: string): FakeAnswer {
  return { status, body: { error: { code: status, message, errors: [{ message, domain: 'youtube', reason }] } } };
}

/**
 * A fake YouTube Data API v3 over real HTTP (reference/platform-apis.md §4): `channels`, `playlistItems` of the
 * uploads playlist, `commentThreads` (up to five replies inlined), `comments` by `parentId` or `id`, `videos` by
 * `id`, page tokens, `keyInvalid` for a wrong key, `commentsDisabled`, and the daily quota: every call costs a
 * unit, and past the quota every call is refused with `quotaExceeded` until `resetQuota` (midnight Pacific).
 */
export class FakeYoutube {
  readonly channel: FakeYoutubeChannel;
  private server!: RunningFake;
  private step = 0;
  private quotaUsed = 0;
  private key: string;
  /** Access tokens accepted now (Google keeps each valid for its hour, renewed ones alongside). */
  private readonly tokens = new Set<string>();
  private refreshToken: string = FAKE_YOUTUBE_OAUTH.refreshToken;
  private issued = 0;

  private constructor(private readonly options: FakeYoutubeServerOptions) {
    this.channel = new FakeYoutubeChannel(options);
    this.key = options.apiKey ?? FAKE_YOUTUBE_KEY;
    this.tokens.add(options.accessToken ?? FAKE_YOUTUBE_TOKEN);
  }

  static async start(options: FakeYoutubeServerOptions): Promise<FakeYoutube> {
    const fake = new FakeYoutube(options);
    fake.server = await startFakeServer((request, url) =>
      request.method === 'POST' && url.pathname === '/token'
        ? fake.issueToken(new URLSearchParams(request.body.toString('utf8')))
        : fake.answer(url, request.headers.authorization),
    );
    return fake;
  }

  /** The API root to give as `apiUrl`. */
  get apiUrl(): string {
    return `${this.server.baseUrl}/youtube/v3`;
  }

  get apiKey(): string {
    return FAKE_YOUTUBE_KEY;
  }

  get accessToken(): string {
    return FAKE_YOUTUBE_TOKEN;
  }

  /** Google's OAuth token endpoint, to give as `tokenUrl`. */
  get tokenUrl(): string {
    return `${this.server.baseUrl}/token`;
  }

  /** Access tokens issued from the refresh token so far. */
  get tokensIssued(): number {
    return this.issued;
  }

  /** The owner withdraws Verbatim's access (or the refresh token expires): renewing fails with invalid_grant. */
  revokeRefreshToken(): void {
    this.refreshToken = `revoked-${this.refreshToken}`;
    this.revokeToken();
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

  /** Spends the day's quota down to `left` units. */
  spendQuota(left: number): void {
    this.quotaUsed = Math.max(0, (this.options.dailyQuota ?? 10_000) - left);
  }

  resetQuota(): void {
    this.quotaUsed = 0;
  }

  revokeKey(): void {
    this.key = `revoked-${this.key}`;
  }

  /** The owner's OAuth token expires (they last an hour) or is revoked. */
  revokeToken(): void {
    this.tokens.clear();
  }

  /** Every live video and comment id, as a listing of everything would show them. */
  existingIds(): string[] {
    const ids: string[] = [];
    for (const v of this.channel.liveVideos(this.step)) {
      ids.push(this.channel.videoId(v));
      for (const t of this.channel.liveThreads(v, this.step)) {
        ids.push(this.channel.threadId(v, t));
        for (let r = 0; r < this.channel.replyCount(v, t); r++) ids.push(this.channel.replyId(v, t, r));
      }
    }
    return ids;
  }

  /** The comment or video text the connector should read now. */
  textOf(id: string): string | undefined {
    const v = this.channel.videoOf(id);
    if (v !== null) return `${this.channel.title(v)}\n\n${this.channel.description(v, this.step)}`;
    const ref = this.channel.refOf(id);
    return ref ? this.channel.commentText(ref, this.step) : undefined;
  }

  thumbnailOf(v: number): Buffer {
    return renderMockImage(32, 18, hashInts(this.options.seed, v, 77));
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** `grant_type=refresh_token`: a new access token, the previous one no longer accepted. */
  private issueToken(form: URLSearchParams): FakeAnswer {
    if (form.get('grant_type') !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (
      form.get('client_id') !== FAKE_YOUTUBE_OAUTH.clientId ||
      form.get('client_secret') !== FAKE_YOUTUBE_OAUTH.clientSecret
    )
      return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    if (form.get('refresh_token') !== this.refreshToken)
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    this.issued += 1;
    const token = `ya29.FakeRenewedToken${this.issued}-0123456789`;
    this.tokens.add(token);
    return {
      body: {
        access_token: token,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/youtube.readonly',
        token_type: 'Bearer',
      },
    };
  }

  private answer(url: URL, authorization: string | undefined): FakeAnswer {
    const thumbnail = /^\/vi\/(V\d{10})\/hqdefault\.png$/.exec(url.pathname);
    if (thumbnail) {
      const v = this.channel.videoOf(thumbnail[1])!;
      return { headers: { 'content-type': 'image/png' }, body: this.thumbnailOf(v) };
    }
    const match = /^\/youtube\/v3\/(\w+)$/.exec(url.pathname);
    if (!match) return { status: 404, body: 'Not Found' };
    this.quotaUsed += 1;
    if (this.quotaUsed > (this.options.dailyQuota ?? 10_000))
      return apiError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.');
    if (authorization !== undefined) {
      if (!this.tokens.has(authorization.replace(/^Bearer /, '')))
        return apiError(401, 'authError', 'Request had invalid authentication credentials.');
    } else if (url.searchParams.get('key') !== this.key)
      return apiError(400, 'keyInvalid', 'API key not valid. Please pass a valid API key.');
    const params = url.searchParams;
    switch (match[1]) {
      case 'channels':
        return this.channels(params);
      case 'playlistItems':
        return this.playlistItems(params);
      case 'commentThreads':
        return this.commentThreads(params);
      case 'comments':
        return params.has('parentId') ? this.replies(params) : this.lookup(params, 'comments');
      case 'videos':
        return this.lookup(params, 'videos');
      default:
        return apiError(404, 'notFound', `unknown resource ${match[1]}`);
    }
  }

  private channels(params: URLSearchParams): FakeAnswer {
    if (params.get('id') !== FAKE_CHANNEL_ID) return { body: { kind: 'youtube#channelListResponse', items: [] } };
    const channel = {
      kind: 'youtube#channel',
      id: FAKE_CHANNEL_ID,
      snippet: { title: 'Town of X' },
      contentDetails: { relatedPlaylists: { uploads: `UU${FAKE_CHANNEL_ID.slice(2)}` } },
    };
    return { body: { kind: 'youtube#channelListResponse', items: [channel] } };
  }

  private playlistItems(params: URLSearchParams): FakeAnswer {
    if (params.get('playlistId') !== `UU${FAKE_CHANNEL_ID.slice(2)}`)
      return apiError(404, 'playlistNotFound', 'no playlist');
    const { slice, next } = paged(this.channel.liveVideos(this.step), params, 50);
    const items = slice.map((v) => {
      const videoId = this.channel.videoId(v);
      const malformed = this.options.malformedVideos?.includes(v);
      return {
        kind: 'youtube#playlistItem',
        id: `PLI${videoId}`,
        snippet: {
          publishedAt: this.channel.uploadedAt(v),
          channelId: FAKE_CHANNEL_ID,
          title: this.channel.title(v),
          description: this.channel.description(v, this.step),
          thumbnails: { high: { url: `${this.server.baseUrl}/vi/${videoId}/hqdefault.png`, width: 32, height: 18 } },
          resourceId: { kind: 'youtube#video', videoId },
        },
        contentDetails: { videoId, ...(malformed ? {} : { videoPublishedAt: this.channel.uploadedAt(v) }) },
      };
    });
    return { body: { kind: 'youtube#playlistItemListResponse', ...next, items } };
  }

  private commentThreads(params: URLSearchParams): FakeAnswer {
    const v = this.channel.videoOf(params.get('videoId') ?? '');
    if (v === null || !this.channel.videoExists(v, this.step)) return apiError(404, 'videoNotFound', 'video not found');
    if (this.channel.commentsOff(v)) return apiError(403, 'commentsDisabled', 'The video has disabled comments.');
    const { slice, next } = paged(this.channel.liveThreads(v, this.step), params, 100);
    const items = slice.map((t) => {
      const replies = this.channel.replyCount(v, t);
      const inline = Array.from({ length: Math.min(INLINE_REPLIES, replies) }, (_, r) =>
        this.comment({ video: v, thread: t, reply: r }),
      );
      return {
        kind: 'youtube#commentThread',
        id: this.channel.threadId(v, t),
        snippet: {
          channelId: FAKE_CHANNEL_ID,
          videoId: this.channel.videoId(v),
          totalReplyCount: replies,
          topLevelComment: this.comment({ video: v, thread: t, reply: -1 }),
        },
        ...(inline.length > 0 ? { replies: { comments: inline } } : {}),
      };
    });
    return { body: { kind: 'youtube#commentThreadListResponse', ...next, items } };
  }

  private replies(params: URLSearchParams): FakeAnswer {
    const ref = this.channel.refOf(params.get('parentId') ?? '');
    if (!ref || !this.channel.liveThreads(ref.video, this.step).includes(ref.thread))
      return apiError(404, 'commentNotFound', 'comment not found');
    const all = Array.from({ length: this.channel.replyCount(ref.video, ref.thread) }, (_, r) => r);
    const { slice, next } = paged(all, params, 100);
    const items = slice.map((r) => this.comment({ ...ref, reply: r }));
    return { body: { kind: 'youtube#commentListResponse', ...next, items } };
  }

  private lookup(params: URLSearchParams, resource: 'videos' | 'comments'): FakeAnswer {
    const ids = (params.get('id') ?? '').split(',').filter(Boolean);
    const live = new Set(this.existingIds());
    const items = ids.filter((id) => live.has(id)).map((id) => ({ kind: `youtube#${resource.slice(0, -1)}`, id }));
    return { body: { kind: `youtube#${resource.slice(0, -1)}ListResponse`, items } };
  }

  private comment(ref: CommentRef): object {
    const id =
      ref.reply < 0
        ? this.channel.threadId(ref.video, ref.thread)
        : this.channel.replyId(ref.video, ref.thread, ref.reply);
    const text = this.channel.commentText(ref, this.step);
    return {
      kind: 'youtube#comment',
      id,
      snippet: {
        channelId: FAKE_CHANNEL_ID,
        authorDisplayName: `@resident${(ref.thread * 7 + ref.reply + 11) % 23}`,
        authorChannelId: { value: `UCresident${(ref.thread * 7 + ref.reply + 11) % 23}` },
        textDisplay: text,
        textOriginal: text,
        ...(ref.reply >= 0 ? { parentId: this.channel.threadId(ref.video, ref.thread) } : {}),
        likeCount: 0,
        publishedAt: this.channel.commentPublishedAt(ref),
        updatedAt: this.channel.commentUpdatedAt(ref, this.step),
      },
    };
  }
}

/** A page of `all` from the `pageToken` offset, at most `maxResults` (capped at `cap`). */
function paged<T>(all: T[], params: URLSearchParams, cap: number): { slice: T[]; next: { nextPageToken?: string } } {
  const size = Math.min(cap, Math.max(1, Number(params.get('maxResults') ?? '5') || 5));
  const token = params.get('pageToken');
  const from = token ? Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, '')) || 0 : 0;
  const slice = all.slice(from, from + size);
  const nextFrom = from + size;
  return {
    slice,
    next: nextFrom < all.length ? { nextPageToken: Buffer.from(`o:${nextFrom}`).toString('base64url') } : {},
  };
}
