import { FakeFeed, type FakeFeedServerOptions } from '@verbatim/connectors/testing';
import { ConnectorConfigError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeFeed;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeFeedServerOptions, url?: (fake: FakeFeed) => string): Promise<void> {
  fake = await FakeFeed.start(options);
  stack = await openSyncStack({ type: 'feed', url: url ? url(fake) : fake.feedUrl }, 'blog');
}

const recordOf = (n: number) => stack.catalog.getRecordByPlatformId(stack.accountId, fake.idOf(n));

describe('syncing a blog from its fake RSS or Atom feed', () => {
  it('archives each RSS entry as a post with its text, photo and page as served', async () => {
    await open({ format: 'rss', seed: 3, posts: 30, rssSize: 12, photoRate: 0.5 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const listed = fake.listedPosts();
    expect(result).toMatchObject({ phase: 'done', created: 12, quarantined: 0, tombstoned: 0 });
    for (const n of listed) {
      const record = await recordOf(n);
      expect(record).toMatchObject({ kind: 'post', text: fake.blog.text(n, 0), url: fake.idOf(n) });
      expect(record!.author.name).toBe('Town Clerk');
      expect(record!.postedAt).toBe(fake.blog.publishedAt(n));
      const page = record!.attachments.find((attachment) => attachment.kind === 'link')!;
      expect(page.sourceUrl.startsWith(`${fake.idOf(n)}#verbatim-snapshot-`)).toBe(true);
      const html = Buffer.from(await stack.objectStore.get(page.archiveKey!)).toString('utf8');
      expect(html).toContain(`<h1>${fake.blog.title(n)}</h1>`);
    }
    const withPhoto = listed.find((n) => fake.blog.hasPhoto(n))!;
    const photo = (await recordOf(withPhoto))!.attachments.find((attachment) => attachment.kind === 'image')!;
    expect(photo.sourceUrl).toBe(`${fake.baseUrl}/media/${withPhoto}.png`);
    expect(photo.sha256).toBe(sha256Hex(fake.photoOf(withPhoto)));
    const capture = await stack.catalog.getCapture(
      (await stack.catalog.listVersions((await recordOf(listed[0]))!.id))[0].rawCaptureSha256,
    );
    expect(Buffer.from(await stack.objectStore.get(capture!.key)).toString('utf8')).toContain('<rss version="2.0"');
  });

  it('reads a paged Atom feed to its end, then keeps updates as versions and never infers a deletion', async () => {
    await open({ format: 'atom', seed: 8, posts: 45, atomPageSize: 10, editRate: 0.3, deleteRate: 0.1 });
    const first = await syncAccount(stack.deps, stack.accountId);
    expect(first.created).toBe(fake.listedPosts().length);
    expect(fake.requests.filter((request) => request.startsWith('GET /atom.xml'))).toHaveLength(5);
    const before = fake.listedPosts();

    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = fake.listedPosts();
    const added = after.filter((n) => !before.includes(n));
    const updated = before.filter((n) => after.includes(n) && fake.blog.edits(n, 2).length > 0);
    const takenDown = before.filter((n) => !after.includes(n));
    expect(added.length).toBeGreaterThan(0);
    expect(updated.length).toBeGreaterThan(0);
    expect(takenDown.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ created: added.length, newVersions: updated.length, tombstoned: 0 });
    for (const n of updated) {
      const record = (await recordOf(n))!;
      expect(record.status).toBe('edited');
      expect(record.editedAt).toBe(fake.blog.updatedAt(n, 2));
      const versions = await stack.catalog.listVersions(record.id);
      expect(versions.map((version) => version.text)).toEqual([fake.blog.text(n, 0), fake.blog.text(n, 2)]);
      const page = record.attachments.find((attachment) => attachment.kind === 'link')!;
      const html = Buffer.from(await stack.objectStore.get(page.archiveKey!)).toString('utf8');
      expect(html).toContain('Update 1:');
    }
    for (const n of takenDown) expect((await recordOf(n))!.status).toBe('live');
  });

  it('resumes a backfill the site slowed down from the page it stopped at', async () => {
    await open({ format: 'atom', seed: 2, posts: 60, atomPageSize: 10, photoRate: 0 });
    fake.slowDownAfter(3);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const refused = fake.requests[fake.requests.length - 1];
    expect(refused).toMatch(/^GET \/(atom\.xml\?page=\d|posts\/\d+)$/);
    const partial = await stack.catalog.countRecords({ accountId: stack.accountId });
    expect(partial).toBeGreaterThan(0);

    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === 'GET /atom.xml')).toHaveLength(1);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(60);
  });

  it('quarantines an entry whose date is not a date, with the feed bytes, and archives the rest', async () => {
    await open({ format: 'rss', seed: 4, posts: 8, malformedPosts: [5] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', created: 7, quarantined: 1 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toBe('entry 3: its date "the Tuesday after next" is not a date');
    const bytes = Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8');
    expect(bytes).toContain('<pubDate>the Tuesday after next</pubDate>');
  });

  it('says in plain words when the address is a web page or nothing at all, without retrying', async () => {
    await open({ format: 'rss', seed: 1, posts: 3 }, (feed) => `${feed.baseUrl}/posts/1`);
    const page = syncAccount(stack.deps, stack.accountId);
    await expect(page).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(page).rejects.toThrow(/\/posts\/1 is not a feed: .*Use the address of the site's RSS or Atom feed/);
    await stack.close();
    stack = await openSyncStack({ type: 'feed', url: `${fake.baseUrl}/no-feed.xml` }, 'blog');
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(
      /answered 404 for the feed .*: there is no feed there now; check the url setting/,
    );
  });
});
