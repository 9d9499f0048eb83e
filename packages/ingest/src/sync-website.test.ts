import { FakeFeed } from '@verbatim/connectors/testing';
import { ConnectorConfigError, RateLimitedError } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeFeed;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(paths: string[], depth: number, deleteRate = 0): Promise<void> {
  fake = await FakeFeed.start({ format: 'rss', seed: 12, posts: 20, editRate: 0.5, deleteRate, photoRate: 0 });
  const urls = paths.map((path) => `${fake.baseUrl}${path}`);
  stack = await openSyncStack({ type: 'website', urls, depth }, 'website');
}

const recordAt = (path: string) => stack.catalog.getRecordByPlatformId(stack.accountId, `${fake.baseUrl}${path}`);
const pageRequests = () => fake.requests.filter((request) => request !== 'GET /robots.txt');

describe('snapshotting town web pages', () => {
  it('follows same-site links to the depth asked, never what robots.txt disallows nor other sites', async () => {
    await open(['/'], 1);
    const result = await syncAccount(stack.deps, stack.accountId);
    const latest = fake.blog.livePosts(0).slice(0, 5);
    expect(result).toMatchObject({ phase: 'done', created: 7, quarantined: 0 });
    expect(fake.requests.filter((request) => request === 'GET /robots.txt')).toHaveLength(1);
    // The linked feed is fetched and kept as a capture, but is no page: it makes no record.
    expect(pageRequests().sort()).toEqual(
      ['GET /', 'GET /about', 'GET /feed.xml', ...latest.map((n) => `GET /posts/${n}`)].sort(),
    );
    const about = await recordAt('/about');
    expect(about!.text).toBe('About the Clerk\n\nOffice hours: Monday to Friday, 9 to 5.\n\nHome');
    const post = await recordAt(`/posts/${latest[0]}`);
    expect(post!.text.startsWith(`${fake.blog.title(latest[0])}\n\nTown Clerk News`)).toBe(true);
    expect(post!.text).toContain(fake.blog.title(latest[0]));
    const version = (await stack.catalog.listVersions(about!.id))[0];
    const capture = await stack.catalog.getCapture(version.rawCaptureSha256);
    expect(Buffer.from(await stack.objectStore.get(capture!.key)).toString()).toContain('<script>var visits');
  });

  it('keeps a snapshot each pass, a version only when the visible text changed, and tombstones a 404', async () => {
    await open(['/', '/about'], 1, 0.4);
    await syncAccount(stack.deps, stack.accountId);
    const before = fake.blog.livePosts(0).slice(0, 5);
    fake.advance(2);
    fake.aboutHours = 'Monday to Thursday, 8 to 6';
    const second = await syncAccount(stack.deps, stack.accountId);
    const removed = before.filter((n) => !fake.blog.exists(n, 2));
    const scrolledOff = before.filter((n) => fake.blog.exists(n, 2) && !fake.blog.livePosts(2).slice(0, 5).includes(n));
    expect(removed.length).toBeGreaterThan(0);
    expect(second.tombstoned).toBe(removed.length);
    for (const n of removed) expect((await recordAt(`/posts/${n}`))!.status).toBe('deleted');
    for (const n of scrolledOff) expect((await recordAt(`/posts/${n}`))!.status).not.toBe('deleted');
    const about = (await recordAt('/about'))!;
    expect(about.status).toBe('edited');
    expect((await stack.catalog.listVersions(about.id)).map((version) => version.text)).toEqual([
      'About the Clerk\n\nOffice hours: Monday to Friday, 9 to 5.\n\nHome',
      'About the Clerk\n\nOffice hours: Monday to Thursday, 8 to 6.\n\nHome',
    ]);
    const third = await syncAccount(stack.deps, stack.accountId);
    expect(third).toMatchObject({ created: 0, newVersions: 0 });
  });

  it('resumes a pass the site slowed down from the page it stopped at', async () => {
    await open(['/'], 2);
    fake.slowDownAfter(4);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const refused = fake.requests[fake.requests.length - 1];
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(pageRequests().filter((request) => request === refused)).toHaveLength(2);
    expect(pageRequests().filter((request) => request === 'GET /')).toHaveLength(1);
    expect(await recordAt('/about')).not.toBeNull();
  });

  it('says so in plain words when robots.txt disallows every page asked for', async () => {
    await open(['/private/minutes'], 0);
    const attempt = syncAccount(stack.deps, stack.accountId);
    await expect(attempt).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(attempt).rejects.toThrow(/robots\.txt of 127\.0\.0\.1:\d+ disallows every page in urls/);
    expect(pageRequests()).toEqual([]);
  });
});
