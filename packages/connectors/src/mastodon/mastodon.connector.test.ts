import { ConnectorCredentialsError, RateLimitedError, type ConnectorPage } from '@verbatim/core';
import { createConnector, parseConnectorConfig } from '../connector-registry';
import { FakeMastodon, type FakeMastodonServerOptions } from './testing/fake-mastodon.server';

const fakes: FakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function startFake(options: Partial<FakeMastodonServerOptions> = {}): Promise<FakeMastodon> {
  const fake = await FakeMastodon.start({ seed: 3, posts: 100, ...options });
  fakes.push(fake);
  return fake;
}

function connectorFor(
  fake: FakeMastodon,
  settings: { account?: string; accessToken?: string } = {},
  requestConcurrency?: number,
) {
  return createConnector(
    parseConnectorConfig({ type: 'mastodon', instanceUrl: fake.baseUrl, account: 'townofx', ...settings }),
    { requestConcurrency },
  );
}

async function readPass(connector: ReturnType<typeof createConnector>, previous: string | null = null) {
  const { passToken, firstCursor } = await connector.beginPass(previous);
  const pages: ConnectorPage[] = [];
  for (let cursor: string | null = firstCursor; cursor !== null; cursor = pages[pages.length - 1].nextCursor) {
    pages.push(await connector.fetchPage(passToken, cursor));
  }
  return { passToken, pages };
}

describe('MastodonConnector against the fake instance', () => {
  it('makes threads and histories ahead of their turn, yet returns the pages of one request at a time', async () => {
    const fake = await startFake({ posts: 60 });
    const pagesOf = async (concurrency: number) =>
      (await readPass(connectorFor(fake, {}, concurrency))).pages.map((page) => ({
        ...page,
        raw: Buffer.from(page.raw).toString(),
      }));
    const oneAtATime = await pagesOf(1);
    expect(await pagesOf(6)).toEqual(oneAtATime);
    expect(oneAtATime.some((page) => page.source.endsWith('/history'))).toBe(true);
  });

  it('follows Link headers through short and empty listing pages to the end', async () => {
    // Posts 20..59 are followers-only: the second listing page of 40 comes back empty, with a next link.
    const fake = await startFake({ privateRange: [20, 60], deleteRate: 0 });
    const { pages } = await readPass(connectorFor(fake));
    const listings = pages.filter((page) => page.source.includes('/statuses?'));
    expect(listings.map((page) => JSON.parse(Buffer.from(page.raw).toString()).length)).toEqual([40, 0, 20]);
    expect(fake.requests.filter((request) => request.includes('max_id='))).toHaveLength(2);
    const posts = pages.flatMap((page) => page.items).filter((item) => item.kind === 'post');
    expect(new Set(posts.map((post) => post.platformId)).size).toBe(60);
  });

  it('resolves the account by username or id, and names a missing one as a settings problem', async () => {
    const fake = await startFake({ posts: 3 });
    await expect(connectorFor(fake, { account: '42' }).beginPass(null)).resolves.toBeDefined();
    await expect(connectorFor(fake, { account: '@townofx' }).beginPass(null)).resolves.toBeDefined();
    await expect(connectorFor(fake, { account: 'nobody' }).beginPass(null)).rejects.toThrow(
      /no Mastodon account "nobody" on 127\.0\.0\.1:\d+: check the account setting/,
    );
  });

  it('maps a 429 to RateLimitedError with the wait from X-RateLimit-Reset', async () => {
    const fake = await startFake({ posts: 3 });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    fake.rateLimitNext(1, 5000);
    const refused = await connector.fetchPage(passToken, firstCursor).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).toBeGreaterThan(3000);
    expect((refused as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(5000);
    await expect(connector.fetchPage(passToken, firstCursor)).resolves.toBeDefined();
  });

  it('waits for the window to reset once X-RateLimit-Remaining says 0, without spending a request on a 429', async () => {
    const fake = await startFake({ posts: 3, rateLimit: { requests: 2, windowMs: 1500 } });
    const connector = connectorFor(fake);
    const { passToken, firstCursor } = await connector.beginPass(null);
    const first = await connector.fetchPage(passToken, firstCursor);
    const waiting = await connector.fetchPage(passToken, first.nextCursor!).catch((error: unknown) => error);
    expect(waiting).toBeInstanceOf(RateLimitedError);
    expect((waiting as RateLimitedError).retryAfterMs).toBeGreaterThan(500);
    expect((waiting as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(1500);
    expect(fake.requests).toHaveLength(2);
    // Asked anyway, the instance refuses; once the window closed, it answers again.
    const refused = await fetch(`${fake.baseUrl}/api/v1/accounts/42`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    await new Promise((resolve) => setTimeout(resolve, (waiting as RateLimitedError).retryAfterMs));
    await expect(connector.fetchPage(passToken, first.nextCursor!)).resolves.toBeDefined();
  });

  it('downloads media files, and reports a refused token in plain words', async () => {
    const fake = await startFake({ posts: 5, mediaRate: 1, accessToken: 'good' });
    const { pages } = await readPass(connectorFor(fake, { accessToken: 'good' }));
    const image = pages.flatMap((page) => page.items).flatMap((item) => item.attachments)[0];
    expect((await connectorFor(fake, { accessToken: 'good' }).fetchMedia(image.sourceUrl)).contentType).toBe(
      'image/png',
    );
    fake.revokeToken();
    const refused = await connectorFor(fake, { accessToken: 'good' })
      .beginPass(null)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConnectorCredentialsError);
    expect((refused as Error).message).toBe(
      "the Mastodon access token was refused (401): create a new token in the instance's Development settings and save it on the account",
    );
  });

  it('sees 60 replies of a long thread without a token and all of them with one', async () => {
    const fake = await startFake({
      posts: 1,
      newPostsPerStep: 0,
      maxRepliesPerPost: 0,
      newReplyRate: 1,
      editRate: 0,
      deleteRate: 0,
    });
    fake.advance(75);
    const count = async (accessToken?: string) =>
      (await readPass(connectorFor(fake, accessToken ? { accessToken } : {}))).pages
        .flatMap((page) => page.items)
        .filter((item) => item.kind !== 'post').length;
    expect(await count()).toBe(60);
    expect(await count('any-token-the-instance-accepts')).toBe(75);
  });

  it('confirms gone only what a direct lookup answers 404 for', async () => {
    const fake = await startFake({ posts: 10, deleteRate: 0.3 });
    const { passToken, pages } = await readPass(connectorFor(fake));
    const listed = [...new Set(pages.flatMap((page) => page.items.map((item) => item.platformId)))];
    fake.advance();
    const gone = await connectorFor(fake).confirmGone(passToken, [...listed, '1']);
    expect(gone.length).toBeGreaterThan(0);
    expect(gone).toContain('1');
    for (const id of listed) expect(gone.includes(id)).toBe(fake.statusOf(id) === undefined);
  });
});
