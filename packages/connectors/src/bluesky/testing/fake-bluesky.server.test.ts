import { platformGet, jsonOf } from '../../http/platform-http';
import { FakeBluesky } from './fake-bluesky.server';

const fakes: FakeBluesky[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function start(options: Parameters<typeof FakeBluesky.start>[0]): Promise<FakeBluesky> {
  const fake = await FakeBluesky.start(options);
  fakes.push(fake);
  return fake;
}

const feedUrl = (fake: FakeBluesky, query = '') =>
  `${fake.baseUrl}/xrpc/app.bsky.feed.getAuthorFeed?actor=${fake.world.options.handle}&limit=100${query}`;

describe('fake Bluesky AppView', () => {
  it('serves a 100,000-post account from any cursor without building it', async () => {
    const fake = await start({ seed: 1, posts: 100_000 });
    const first = await platformGet(feedUrl(fake));
    const page = jsonOf(first) as {
      cursor: string;
      feed: Array<{ post: { uri: string; record: { createdAt: string } } }>;
    };
    expect(first.headers.get('ratelimit-limit')).toBe('3000');
    expect(page.feed.length).toBeGreaterThan(50);
    expect(page.feed[0].post.record.createdAt).toBe(fake.world.rootTime(99_999));
    const deep = await platformGet(feedUrl(fake, `&cursor=${fake.world.rootTime(150)}`));
    const deepPage = jsonOf(deep) as { cursor: string; feed: Array<{ post: { record: { createdAt: string } } }> };
    expect(deepPage.feed[0].post.record.createdAt).toBe(fake.world.rootTime(149));
    expect(deepPage.cursor < fake.world.rootTime(149)).toBe(true);
    const thread = await platformGet(
      `${fake.baseUrl}/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(page.feed[0].post.uri)}`,
    );
    expect(thread.status).toBe(200);
  });

  it('answers byte for byte the same for the same seed and step, and moves with its clock', async () => {
    const [one, two] = await Promise.all([start({ seed: 4, posts: 300 }), start({ seed: 4, posts: 300 })]);
    const [a, b] = await Promise.all([platformGet(feedUrl(one)), platformGet(feedUrl(two))]);
    expect(Buffer.from(a.raw).toString('utf8').replaceAll(one.baseUrl, '')).toBe(
      Buffer.from(b.raw).toString('utf8').replaceAll(two.baseUrl, ''),
    );
    one.advance();
    const newest = (
      jsonOf(await platformGet(feedUrl(one))) as { feed: Array<{ post: { record: { createdAt: string } } }> }
    ).feed[0].post.record.createdAt;
    expect(newest).toBe(one.world.rootTime(one.world.postCount() - 1));
    expect(one.world.postCount()).toBe(315);
  });

  it('answers NotFound for a deleted post and an unknown actor as the AppView does, and a 429 on demand', async () => {
    const fake = await start({ seed: 2, posts: 10 });
    const uri = fake.world.uriOf({ n: 3, j: -1 });
    fake.world.deleteNow(uri);
    const gone = await platformGet(`${fake.baseUrl}/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(uri)}`);
    expect(gone.status).toBe(400);
    expect(jsonOf(gone)).toEqual({ error: 'NotFound', message: `Post not found: ${uri}` });
    const unknown = await platformGet(`${fake.baseUrl}/xrpc/app.bsky.feed.getAuthorFeed?actor=nobody.example`);
    expect(jsonOf(unknown)).toEqual({ error: 'InvalidRequest', message: 'Profile not found' });
    fake.rateLimitAfter(0, 60);
    const refused = await platformGet(feedUrl(fake));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 + 58);
  });
});
