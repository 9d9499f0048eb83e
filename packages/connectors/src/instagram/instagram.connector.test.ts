import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, type ConnectorPage } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from '../connector-registry';
import { DEFAULT_THROTTLE_WAIT_MS } from '../graph/graph-client';
import { FakeInstagram, type FakeInstagramServerOptions } from './testing/fake-instagram.server';

const fakes: FakeInstagram[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<FakeInstagramServerOptions> = {}): Promise<FakeInstagram> {
  const fake = await FakeInstagram.start({ seed: 5, media: 120, maxCommentsPerPost: 8, ...options });
  fakes.push(fake);
  return fake;
}

function connectorFor(fake: FakeInstagram, settings: Record<string, string> = {}) {
  return createConnector(
    parseConnectorConfig({
      type: 'instagram',
      igUserId: fake.igUserId,
      accessToken: fake.accessToken,
      graphUrl: fake.baseUrl,
      ...settings,
    }),
  );
}

async function readPass(connector: ReturnType<typeof createConnector>) {
  const { passToken, firstCursor } = await connector.beginPass(null);
  const pages: ConnectorPage[] = [];
  for (let cursor: string | null = firstCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
    pages.push(await connector.fetchPage(passToken, cursor));
  }
  return { passToken, pages };
}

describe('InstagramConnector against the fake Graph API', () => {
  it('reads every media, comment and reply, follows paging.next and /replies, and keeps the token out', async () => {
    const fake = await startFake({ deleteRate: 0.1 });
    fake.advance(3);
    const { pages } = await readPass(connectorFor(fake));
    const ids = pages.flatMap((page) => page.items.map((item) => item.platformId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(fake.existingIds()));
    expect(fake.requests.filter((request) => request.includes(`/${fake.igUserId}/media?`)).length).toBeGreaterThan(2);
    expect(fake.requests.some((request) => /\/\d+\/replies\?/.test(request))).toBe(true);
    for (const page of pages) {
      expect(page.source).not.toContain(fake.accessToken);
      expect(page.nextCursor ? Buffer.from(page.nextCursor, 'base64url').toString() : '').not.toContain(
        fake.accessToken,
      );
    }
    const items = pages.flatMap((page) => page.items);
    const byId = new Map(items.map((item) => [item.platformId, item]));
    const reply = items.find((item) => item.kind === 'reply')!;
    expect(byId.get(reply.parentPlatformId!)?.kind).toBe('comment');
    expect(reply.threadRootPlatformId).toBe(byId.get(reply.parentPlatformId!)?.parentPlatformId);
    const comment = items.find((item) => item.kind === 'comment')!;
    expect(byId.get(comment.parentPlatformId!)?.kind).toBe('post');
    expect(items.some((item) => item.hidden)).toBe(true);
    const media = items.find((item) => item.kind === 'post')!;
    expect(media.text).toBe(fake.objectOf(media.platformId)!.caption);
    expect(media.url).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
    expect(media.postedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(media.author).toEqual({ id: fake.igUserId, name: 'townofx', handle: 'townofx' });
  });

  it('reads a thread or the listing again from its first page when Graph stops honouring its cursor', async () => {
    const fake = await startFake({ media: 160, maxCommentsPerPost: 12 });
    fake.advance(2);
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    const pages: ConnectorPage[] = [];
    let expiredReplies = false;
    let listings = 0;
    for (let cursor: string | null = firstCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
      const pending = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
        tasks: Array<{ url: string }>;
      };
      const next = pending.tasks[0];
      if (!expiredReplies && next?.url.includes('/replies') && next.url.includes('after=')) {
        expiredReplies = true;
        fake.expireCursors();
      } else if (pending.tasks.length === 0 && ++listings === 3) fake.expireCursors();
      pages.push(await connector.fetchPage(passToken, cursor));
    }
    expect(expiredReplies).toBe(true);
    const refused = pages.filter((page) => Buffer.from(page.raw).toString().includes('"code":2642'));
    expect(refused.length).toBe(2);
    expect(refused.every((page) => page.items.length === 0)).toBe(true);
    expect(new Set(pages.flatMap((page) => page.items.map((item) => item.platformId)))).toEqual(
      new Set(fake.existingIds()),
    );
  });

  it('archives every child of a carousel, and a video as its poster image then the video', async () => {
    const fake = await startFake({ media: 40, carouselRate: 0.4, videoRate: 0.4 });
    const { pages } = await readPass(connectorFor(fake));
    const posts = pages.flatMap((page) => page.items).filter((item) => item.kind === 'post');
    const typeOf = (id: string) => fake.account.mediaTypeOf(fake.account.refOf(id)!.post);
    const carousel = posts.find((post) => typeOf(post.platformId) === 'CAROUSEL_ALBUM')!;
    expect(carousel.attachments.filter((attachment) => attachment.kind === 'image').length).toBeGreaterThanOrEqual(2);
    expect(carousel.attachments.length).toBeGreaterThanOrEqual(3);
    const video = posts.find((post) => typeOf(post.platformId) === 'VIDEO')!;
    expect(video.attachments.map((attachment) => attachment.kind)).toEqual(['image', 'video']);
    for (const attachment of [...carousel.attachments, ...video.attachments]) {
      expect(attachment.sourceUrl).not.toContain('?');
    }
    const connector = connectorFor(fake);
    await readPass(connector);
    const [poster, file] = video.attachments;
    expect((await connector.fetchMedia(poster.sourceUrl)).contentType).toBe('image/png');
    expect((await connector.fetchMedia(file.sourceUrl)).contentType).toBe('video/mp4');
  });

  it('turns throttling codes into RateLimitedError with the wait from the instagram BUC header', async () => {
    const fake = await startFake({ media: 3 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    fake.throttleNext(1, { code: 80002, regainMinutes: 7 });
    const buc = await connector.fetchPage(passToken, firstCursor).catch((error: unknown) => error);
    expect(buc).toBeInstanceOf(RateLimitedError);
    expect((buc as RateLimitedError).retryAfterMs).toBe(7 * 60_000);
    for (const code of [4, 17, 32, 613] as const) {
      fake.throttleNext(1, { code });
      const refused = await connector.fetchPage(passToken, firstCursor).catch((error: unknown) => error);
      expect((refused as RateLimitedError).retryAfterMs).toBe(DEFAULT_THROTTLE_WAIT_MS);
    }
    await expect(connector.fetchPage(passToken, firstCursor)).resolves.toBeDefined();
  });

  it('reports an expired token in Instagram words, and a wrong account id as a settings problem', async () => {
    const fake = await startFake({ media: 3 });
    fake.revokeToken();
    const refused = await connectorFor(fake)
      .beginPass(null)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectorCredentialsError);
    expect((refused as Error).message).toMatch(
      /^the Instagram account's access token is invalid or expired: reconnect the account in the Meta app \(/,
    );
    const other = await startFake({ media: 3 });
    const wrong = await connectorFor(other, { igUserId: '999' })
      .beginPass(null)
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(ConnectorConfigError);
    expect((wrong as Error).message).toMatch(/cannot read an Instagram account with id 999/);
  });

  it('rejects a malformed media with its index and reads the rest of the page', async () => {
    const fake = await startFake({ media: 10, malformedMedia: [7], deleteRate: 0 });
    const { pages } = await readPass(connectorFor(fake));
    const rejected = pages.flatMap((page) => page.rejected);
    expect(rejected).toEqual([{ itemIndex: 2, reason: expect.stringMatching(/^data\[2\]\.timestamp: /) }]);
    const listed = pages[0].items.filter((item) => item.kind === 'post');
    expect(listed.length).toBe(9);
  });

  it('renews a file link that expired by reading its media again', async () => {
    const fake = await startFake({ media: 20 });
    const connector = connectorFor(fake);
    const { pages } = await readPass(connector);
    const post = pages.flatMap((page) => page.items).find((item) => item.kind === 'post')!;
    fake.advance(4); // past the links' three-hour life
    const media = await connector.fetchMedia(post.attachments[0].sourceUrl);
    expect(media.bytes.byteLength).toBeGreaterThan(0);
    expect(
      fake.requests.some((request) => request.startsWith(`GET /v21.0/${post.platformId}?fields=id%2Cmedia_type`)),
    ).toBe(true);
  });

  it('confirms gone only what a direct lookup answers 100/33 for', async () => {
    const fake = await startFake({ media: 30, deleteRate: 0.3 });
    const { passToken, pages } = await readPass(connectorFor(fake));
    const listed = [...new Set(pages.flatMap((page) => page.items.map((item) => item.platformId)))];
    fake.advance();
    const gone = await connectorFor(fake).confirmGone(passToken, listed);
    expect(gone.length).toBeGreaterThan(0);
    for (const id of listed) expect(gone.includes(id)).toBe(fake.objectOf(id) === undefined);
  });

  it('serves a 100,000-media account page by page without building it', async () => {
    const fake = await startFake({ media: 100_000 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    const started = Date.now();
    const page = await connector.fetchPage(passToken, firstCursor);
    expect(page.items[0].platformId).toBe(fake.account.mediaIdOf(99_999));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
