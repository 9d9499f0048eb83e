import { ConnectorConfigError, RateLimitedError, type ConnectorPage } from '@verbatim/core';
import { createConnector } from '../connector-registry';
import { FakeBluesky, imageBytes, visiblePosts, everyPost, ROOT } from '../testing';
import { BlueskyConnector } from './bluesky.connector';

let fake: FakeBluesky;

afterEach(() => fake?.close());

function connectorFor(actor = fake.world.options.handle): BlueskyConnector {
  return new BlueskyConnector({ type: 'bluesky', actor, serviceUrl: fake.baseUrl, cdnUrl: fake.baseUrl });
}

/** Every page of one pass, in order. */
async function readPass(connector: BlueskyConnector): Promise<ConnectorPage[]> {
  const { passToken, firstCursor } = await connector.beginPass(null);
  const pages: ConnectorPage[] = [];
  for (let cursor: string | null = firstCursor; cursor !== null;) {
    const page = await connector.fetchPage(passToken, cursor);
    pages.push(page);
    cursor = page.nextCursor;
  }
  return pages;
}

describe('Bluesky connector against the fake AppView', () => {
  it('reads the whole author feed, short and empty pages included, and every reply thread', async () => {
    fake = await FakeBluesky.start({ seed: 3, posts: 230, maxRepliesPerPost: 5, emptyPageEvery: 2 });
    fake.advance(2);
    const pages = await readPass(connectorFor());
    const items = pages.flatMap((page) => page.items);
    const expected = [...visiblePosts(fake.world)];
    expect(new Set(items.map((item) => item.platformId))).toEqual(new Set(expected.map((post) => post.uri)));

    const feedRequests = fake.requests.filter((request) => request.includes('getAuthorFeed'));
    expect(feedRequests[0]).toContain('filter=posts_with_replies');
    expect(feedRequests[0]).toContain('includePins=false');
    expect(feedRequests[0]).toContain('limit=100');
    const emptyWithCursor = pages.filter((page) => page.source.includes('getAuthorFeed') && page.items.length === 0);
    expect(emptyWithCursor.length).toBeGreaterThan(0);
    // Each thread is read once, for a post the town started.
    const threadRequests = fake.requests.filter((request) => request.includes('getPostThread'));
    expect(new Set(threadRequests).size).toBe(threadRequests.length);
  });

  it('maps a post and its replies: at:// ids, direct parents, web links, text and image links', async () => {
    fake = await FakeBluesky.start({ seed: 11, posts: 40, maxRepliesPerPost: 6, imageRate: 0.5 });
    const items = (await readPass(connectorFor())).flatMap((page) => page.items);
    const byId = new Map(items.map((item) => [item.platformId, item]));
    for (const post of visiblePosts(fake.world)) {
      const item = byId.get(post.uri)!;
      expect(item.text).toBe(post.text);
      expect(item.parentPlatformId).toBe(post.parentUri);
      expect(item.kind).toBe(post.j === ROOT ? 'post' : post.parentUri === post.rootUri ? 'comment' : 'reply');
      expect(item.url).toBe(`https://bsky.app/profile/${post.uri.slice(5).replace('/app.bsky.feed.post/', '/post/')}`);
      expect(item.attachments.map((attachment) => attachment.sourceUrl)).toEqual(
        post.imageCids.map((cid) => `${fake.baseUrl}/img/feed_fullsize/plain/${fake.world.townDid}/${cid}@jpeg`),
      );
    }
    const withImage = items.find((item) => item.attachments.length > 0)!;
    const media = await connectorFor().fetchMedia(withImage.attachments[0].sourceUrl);
    expect(media.contentType).toBe('image/jpeg');
    expect(Buffer.from(media.bytes)).toEqual(
      Buffer.from(imageBytes(withImage.attachments[0].sourceUrl.split('/').pop()!.replace('@jpeg', ''))),
    );
  });

  it('rejects a malformed feed item with its index and keeps the rest of the page', async () => {
    fake = await FakeBluesky.start({ seed: 5, posts: 20, maxRepliesPerPost: 0, repostEvery: 0, malformedPosts: [17] });
    const [page] = await readPass(connectorFor());
    expect(page.rejected).toEqual([{ itemIndex: 2, reason: expect.stringContaining('post.uri') }]);
    expect(page.items).toHaveLength(19);
  });

  it('turns a 429 into RateLimitedError with the wait to RateLimit-Reset, and the same cursor then succeeds', async () => {
    fake = await FakeBluesky.start({ seed: 2, posts: 150, maxRepliesPerPost: 0 });
    const connector = connectorFor();
    const { passToken, firstCursor } = await connector.beginPass(null);
    const first = await connector.fetchPage(passToken, firstCursor);
    fake.rateLimitAfter(0, 30);
    const refused = connector.fetchPage(passToken, first.nextCursor!);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    const wait = ((await refused.catch((error: RateLimitedError) => error)) as RateLimitedError).retryAfterMs;
    expect(wait).toBeGreaterThan(28_000);
    expect(wait).toBeLessThanOrEqual(31_000);
    expect((await connector.fetchPage(passToken, first.nextCursor!)).items.length).toBeGreaterThan(0);
  });

  it('confirms gone only what getPostThread says is not found', async () => {
    fake = await FakeBluesky.start({ seed: 8, posts: 30, maxRepliesPerPost: 4, deleteRate: 0.2 });
    fake.advance(3);
    const all = [...everyPost(fake.world)];
    const deleted = all.filter((post) => post.deleted).map((post) => post.uri);
    const live = all.filter((post) => !post.deleted).map((post) => post.uri);
    expect(deleted.length).toBeGreaterThan(2);
    const gone = await connectorFor().confirmGone('1', [...live.slice(0, 10), ...deleted, 'not-a-bluesky-id']);
    expect(gone.sort()).toEqual([...deleted].sort());
  });

  it('says in plain words that an unknown actor does not exist, and asks once', async () => {
    fake = await FakeBluesky.start({ seed: 1, posts: 3 });
    const connector = connectorFor('nobody.example.org');
    const { passToken, firstCursor } = await connector.beginPass(null);
    const attempt = connector.fetchPage(passToken, firstCursor);
    await expect(attempt).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(attempt).rejects.toThrow('no Bluesky account @nobody.example.org: check the handle');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('Bluesky connector config', () => {
  it('takes a handle (with or without @) or a DID, and refuses anything else', () => {
    const connector = createConnector({ type: 'bluesky', actor: '@TownOfX.gov' } as { type: string });
    expect(connector).toBeInstanceOf(BlueskyConnector);
    expect((connector as BlueskyConnector).config).toEqual({
      type: 'bluesky',
      actor: 'townofx.gov',
      serviceUrl: 'https://public.api.bsky.app',
      cdnUrl: 'https://cdn.bsky.app',
    });
    const did = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
    expect(
      (createConnector({ type: 'bluesky', actor: did } as { type: string }) as BlueskyConnector).config.actor,
    ).toBe(did);
    expect(() => createConnector({ type: 'bluesky', actor: 'not a handle' } as { type: string })).toThrow(
      /invalid bluesky connector config: actor: expected a handle/,
    );
    expect(() => createConnector({ type: 'bluesky', actor: 'x.gov', token: 'secret' } as { type: string })).toThrow(
      ConnectorConfigError,
    );
  });
});
