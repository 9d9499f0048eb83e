import { FakeBluesky, imageBytes, everyPost, visiblePosts, ROOT, type FakePost } from '@verbatim/connectors/testing';
import { ConnectorConfigError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeBluesky;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: Parameters<typeof FakeBluesky.start>[0], actor?: string): Promise<void> {
  fake = await FakeBluesky.start(options);
  const connector = {
    type: 'bluesky' as const,
    actor: actor ?? fake.world.options.handle,
    serviceUrl: fake.baseUrl,
    cdnUrl: fake.baseUrl,
  };
  stack = await openSyncStack(connector, 'bluesky');
}

/** Each visible post's record is there, with the post's current text and its direct parent. */
async function expectArchived(posts: FakePost[]): Promise<void> {
  for (const post of posts) {
    const record = await stack.catalog.getRecordByPlatformId(stack.accountId, post.uri);
    expect(record?.text).toBe(post.text);
    expect(record?.parentPlatformId).toBe(post.parentUri);
    expect(record?.status).not.toBe('deleted');
  }
}

describe('syncing a Bluesky account from the fake AppView', () => {
  it('backfills every post and reply, with the pages and images archived byte for byte', async () => {
    await open({ seed: 21, posts: 210, maxRepliesPerPost: 5, imageRate: 0.3, emptyPageEvery: 3 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const expected = [...visiblePosts(fake.world)];
    expect(result).toMatchObject({ phase: 'done', created: expected.length, quarantined: 0, tombstoned: 0 });
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(expected.length);
    await expectArchived(expected);

    const withImages = expected.filter((post) => post.imageCids.length > 0);
    expect(result.mediaArchived).toBe(withImages.flatMap((post) => post.imageCids).length);
    const record = await stack.catalog.getRecordByPlatformId(stack.accountId, withImages[0].uri);
    const stored = await stack.objectStore.get(record!.attachments[0].archiveKey!);
    expect(sha256Hex(stored)).toBe(sha256Hex(imageBytes(withImages[0].imageCids[0])));
    expect(record!.attachments[0].sha256).toBe(sha256Hex(stored));
    expect(await stack.searchIndex.search({ q: expected[0].text.split(' ')[0], limit: 1 })).toMatchObject({
      total: expect.any(Number),
    });
  });

  it('after the clock moves, adds new posts and replies, keeps edits as versions, tombstones confirmed deletions', async () => {
    await open({ seed: 4, posts: 80, maxRepliesPerPost: 6 });
    await syncAccount(stack.deps, stack.accountId);
    const before = [...visiblePosts(fake.world)];
    const edited = before.find((post) => post.j === ROOT)!;
    const deletedReply = before.find((post) => post.j !== ROOT)!;
    fake.advance();
    fake.world.editNow(edited.uri);
    fake.world.deleteNow(deletedReply.uri);

    const second = await syncAccount(stack.deps, stack.accountId);
    const after = [...visiblePosts(fake.world)];
    expect(second.created).toBe(after.filter((post) => !before.some((old) => old.uri === post.uri)).length);
    expect(second.created).toBeGreaterThan(0);
    expect(second.newVersions).toBeGreaterThan(0);
    await expectArchived(after);

    const editedRecord = await stack.catalog.getRecordByPlatformId(stack.accountId, edited.uri);
    expect(editedRecord!.status).toBe('edited');
    const texts = (await stack.catalog.listVersions(editedRecord!.id)).map((version) => version.text);
    expect(texts).toEqual([edited.text, fake.world.post(edited)!.text]);

    // Tombstoned: exactly the archived posts the platform now says are not found.
    const deletedNow = new Set([...everyPost(fake.world)].filter((post) => post.deleted).map((post) => post.uri));
    expect(deletedNow.has(deletedReply.uri)).toBe(true);
    const archivedAndDeleted = before.filter((post) => deletedNow.has(post.uri));
    expect(second.tombstoned).toBe(archivedAndDeleted.length);
    for (const post of archivedAndDeleted) {
      const record = await stack.catalog.getRecordByPlatformId(stack.accountId, post.uri);
      expect(record!.status).toBe('deleted');
      expect(record!.text).toBe(post.text);
      expect(await stack.catalog.getTombstone(record!.id)).not.toBeNull();
    }
    const deletedRecords = await stack.catalog.countRecords({ accountId: stack.accountId, status: 'deleted' });
    expect(deletedRecords).toBe(archivedAndDeleted.length);
  });

  it('resumes a backfill stopped by a 429 from the page it stopped at', async () => {
    await open({ seed: 9, posts: 420, maxRepliesPerPost: 2, imageRate: 0 });
    fake.rateLimitAfter(6, 1);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const wait = ((await stopped.catch((error: unknown) => error)) as RateLimitedError).retryAfterMs;
    expect(wait).toBeLessThanOrEqual(2000);
    const partial = await stack.catalog.countRecords({ accountId: stack.accountId });
    expect(partial).toBeGreaterThan(0);
    const refused = fake.requests[6];

    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests[7]).toBe(refused);
    expect(
      fake.requests.filter((request) => request.includes('getAuthorFeed') && !request.includes('cursor=')),
    ).toHaveLength(1);
    const expected = [...visiblePosts(fake.world)];
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(expected.length);
    expect(partial).toBeLessThan(expected.length);
  });

  it('quarantines a malformed feed item with the page bytes and archives the rest', async () => {
    fake = await FakeBluesky.start({ seed: 6, posts: 1, maxRepliesPerPost: 3 });
    const quiet = [...Array(60).keys()].find((n) => fake.world.replyTotal(n) === 0)!;
    await fake.close();
    await open({ seed: 6, posts: 60, maxRepliesPerPost: 3, malformedPosts: [quiet] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1 });
    const expected = [...visiblePosts(fake.world)].filter((post) => !(post.n === quiet && post.j === ROOT));
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(expected.length);

    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    const page = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(page.feed[entry.itemIndex!].post.uri).toBe(12345);
    expect(entry.reason).toContain('post.uri');
  });

  it('reports an unknown actor in plain words, as a config error that is not retried', async () => {
    await open({ seed: 1, posts: 5 }, 'no-such-town.bsky.social');
    const attempt = syncAccount(stack.deps, stack.accountId);
    await expect(attempt).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(attempt).rejects.toThrow('no Bluesky account @no-such-town.bsky.social: check the handle');
    expect(fake.requests).toHaveLength(1);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(0);
  });
});
