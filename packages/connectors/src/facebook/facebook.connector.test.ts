import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, type ConnectorPage } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from '../connector-registry';
import { DEFAULT_THROTTLE_WAIT_MS } from '../graph/graph-client';
import { FakeFacebook, type FakeFacebookServerOptions } from './testing/fake-facebook.server';

const fakes: FakeFacebook[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<FakeFacebookServerOptions> = {}): Promise<FakeFacebook> {
  const fake = await FakeFacebook.start({ seed: 5, posts: 120, ...options });
  fakes.push(fake);
  return fake;
}

function connectorFor(fake: FakeFacebook, settings: Record<string, string> = {}, requestConcurrency?: number) {
  return createConnector(
    parseConnectorConfig({
      type: 'facebook',
      pageId: fake.pageId,
      accessToken: fake.accessToken,
      graphUrl: fake.baseUrl,
      ...settings,
    }),
    { requestConcurrency },
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

describe('FacebookConnector against the fake Graph API', () => {
  it('reads comment pages ahead of their turn, yet returns the pages of one request at a time', async () => {
    const fake = await startFake({ maxCommentsPerPost: 12 });
    fake.advance(2);
    const pagesOf = async (concurrency: number) =>
      (await readPass(connectorFor(fake, {}, concurrency))).pages.map((page) => ({
        ...page,
        raw: Buffer.from(page.raw).toString(),
      }));
    const oneAtATime = await pagesOf(1);
    expect(await pagesOf(6)).toEqual(oneAtATime);
    expect(oneAtATime.filter((page) => page.source.includes('/comments')).length).toBeGreaterThan(50);
  });

  it('reads every post and comment, follows paging.next, and keeps the token out of cursors and sources', async () => {
    const fake = await startFake({ deleteRate: 0.1 });
    fake.advance(3);
    const { pages } = await readPass(connectorFor(fake));
    const ids = pages.flatMap((page) => page.items.map((item) => item.platformId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(fake.existingIds()));
    expect(fake.requests.filter((request) => request.includes('published_posts')).length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page.source).not.toContain(fake.accessToken);
      expect(page.nextCursor ? Buffer.from(page.nextCursor, 'base64url').toString() : '').not.toContain(
        fake.accessToken,
      );
    }
    const items = pages.flatMap((page) => page.items);
    const reply = items.find((item) => item.kind === 'reply')!;
    const parent = items.find((item) => item.platformId === reply.parentPlatformId)!;
    expect(parent.kind).toBe('comment');
    expect(parent.parentPlatformId).toBe(reply.threadRootPlatformId);
    const comment = items.find((item) => item.kind === 'comment')!;
    expect(items.find((item) => item.platformId === comment.parentPlatformId)?.kind).toBe('post');
    expect(items.some((item) => item.hidden)).toBe(true);
    const post = items.find((item) => item.kind === 'post')!;
    expect(post.postedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(post.author.name).toBe('Town of X');
  });

  it('lists again from the top when Graph stops honouring a cursor, reading no thread twice', async () => {
    const fake = await startFake({ posts: 300, deleteRate: 0.05 });
    fake.advance(2);
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    const pages: ConnectorPage[] = [];
    let listings = 0;
    for (let cursor: string | null = firstCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
      const pending = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { tasks: unknown[] };
      if (pending.tasks.length === 0 && ++listings === 4) fake.expireCursors(); // a long wait: the 4th page's cursor is stale
      pages.push(await connector.fetchPage(passToken, cursor));
    }
    const refused = pages.filter((page) => Buffer.from(page.raw).toString().includes('"code":2642'));
    expect(refused).toHaveLength(1);
    expect(refused[0].items).toEqual([]);
    expect(new Set(pages.flatMap((page) => page.items.map((item) => item.platformId)))).toEqual(
      new Set(fake.existingIds()),
    );
    const threadReads = fake.requests
      .filter((request) => request.includes('/comments?'))
      .map((request) => /\/(\d+_\d+)\/comments/.exec(request)![1]);
    // Only posts at the edges of what was listed before the refusal may have their comments read twice.
    expect(threadReads.length - new Set(threadReads).size).toBeLessThanOrEqual(2);
    expect(new Set(threadReads).size).toBeGreaterThan(100);
  });

  it('sends appsecret_proof when given the app secret', async () => {
    const fake = await startFake({ posts: 3, appSecret: 'app-secret-0123456789' });
    await expect(connectorFor(fake).beginPass(null)).rejects.toThrow(/appsecret_proof/);
    await expect(connectorFor(fake, { appSecret: 'app-secret-0123456789' }).beginPass(null)).resolves.toBeDefined();
  });

  it('turns throttling codes into RateLimitedError with the wait from the usage headers', async () => {
    const fake = await startFake({ posts: 3 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    fake.throttleNext(1, { code: 80001, regainMinutes: 7 });
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

  it('pauses before the limit when usage is high', async () => {
    const fake = await startFake({ posts: 3 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    fake.setUsage(95);
    await connector.fetchPage(passToken, firstCursor);
    const requests = fake.requests.length;
    await expect(connector.fetchPage(passToken, firstCursor)).rejects.toBeInstanceOf(RateLimitedError);
    expect(fake.requests.length).toBe(requests);
  });

  it('reports an expired token in plain words, and a wrong Page id as a settings problem', async () => {
    const fake = await startFake({ posts: 3 });
    fake.revokeToken();
    const refused = await connectorFor(fake)
      .beginPass(null)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectorCredentialsError);
    expect((refused as Error).message).toMatch(
      /^the Page's access token is invalid or expired: reconnect the Page \(generate a new Page access token/,
    );
    const other = await startFake({ posts: 3 });
    const wrong = await connectorFor(other, { pageId: '999' })
      .beginPass(null)
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(ConnectorConfigError);
    expect((wrong as Error).message).toMatch(/cannot read a Facebook Page with id 999/);
  });

  it('downloads photos at capture, renewing a link that expired by reading its post again', async () => {
    const fake = await startFake({ posts: 20, mediaRate: 1 });
    const connector = connectorFor(fake);
    const { pages } = await readPass(connector);
    const post = pages.flatMap((page) => page.items).find((item) => item.attachments.length > 0)!;
    const [photo] = post.attachments;
    expect(photo.sourceUrl).not.toContain('?');
    expect(photo).toMatchObject({ kind: 'image', width: 12, height: 8 });
    fake.advance(4); // past the links' three-hour life
    const media = await connector.fetchMedia(photo.sourceUrl);
    expect(media.contentType).toBe('image/png');
    expect(fake.requests.some((request) => request.startsWith(`GET /v21.0/${post.platformId}?`))).toBe(true);
  });

  it('confirms gone only what a direct lookup answers 100/33 for', async () => {
    const fake = await startFake({ posts: 30, deleteRate: 0.3 });
    const { passToken, pages } = await readPass(connectorFor(fake));
    const listed = [...new Set(pages.flatMap((page) => page.items.map((item) => item.platformId)))];
    fake.advance();
    const gone = await connectorFor(fake).confirmGone(passToken, listed);
    expect(gone.length).toBeGreaterThan(0);
    for (const id of listed) expect(gone.includes(id)).toBe(fake.objectOf(id) === undefined);
  });

  it('serves a 100,000-post Page page by page without building it', async () => {
    const fake = await startFake({ posts: 100_000 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    const started = Date.now();
    const page = await connector.fetchPage(passToken, firstCursor);
    expect(page.items[0].platformId).toBe(fake.page.postIdOf(99_999));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
