import { X_TIER_NOTICES } from '@verbatim/connectors';
import { FakeX, type FakeXOptions } from '@verbatim/connectors/testing';
import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeX;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeXOptions, username = 'townofx'): Promise<void> {
  fake = await FakeX.start(options);
  stack = await openSyncStack({ type: 'x', username, bearerToken: fake.bearerToken, apiUrl: fake.apiUrl }, 'x');
}

const recordOf = (id: string) => stack.catalog.getRecordByPlatformId(stack.accountId, id);

describe('syncing an X account from the fake API v2', () => {
  it('backfills posts and residents’ replies, an edited post as one record with a version per edit', async () => {
    await open({ seed: 3, posts: 150, maxRepliesPerPost: 4, editRate: 0.3, mediaRate: 0.3 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const expected = fake.expected();
    expect(result).toMatchObject({ phase: 'done', created: expected.size, quarantined: 0, notices: [] });
    for (const [id, text] of expected) expect((await recordOf(id))?.text).toBe(text);
    const edited = fake.livePosts().find((n) => fake.chainOf(n).length > 2)!;
    const chain = fake.chainOf(edited);
    const record = (await recordOf(chain[0]))!;
    expect(record.status).toBe('edited');
    const versions = await stack.catalog.listVersions(record.id);
    expect(versions.map((version) => version.text)).toEqual(chain.map((_, k) => fake.postText(edited, k)));
    const withReplies = fake.livePosts().find((n) => fake.replyCount(n) >= 2 && fake.replyExists(n, 1))!;
    expect(await recordOf(fake.replyId(withReplies, 0))).toMatchObject({
      kind: 'comment',
      parentPlatformId: fake.chainOf(withReplies)[0],
    });
    expect(await recordOf(fake.replyId(withReplies, 1))).toMatchObject({
      kind: 'reply',
      parentPlatformId: fake.replyId(withReplies, 0),
    });
    const photo = (await stack.catalog.listVersions(record.id)).length > 0 ? fake.livePosts() : [];
    const withPhoto = (
      await Promise.all(photo.map(async (n) => ({ n, record: await recordOf(fake.chainOf(n)[0]) })))
    ).find(({ record: found }) => (found?.attachments.length ?? 0) > 0)!;
    expect(withPhoto.record!.attachments[0].sha256).toBe(sha256Hex(fake.photoOf(withPhoto.n)));
  });

  it('after the clock moves, adds new posts and tombstones only what the lookup says is gone', async () => {
    await open({ seed: 5, posts: 60, deleteRate: 0.15 });
    await syncAccount(stack.deps, stack.accountId);
    const before = fake.expected();
    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = fake.expected();
    const gone = [...before.keys()].filter((id) => !after.has(id));
    expect(gone.length).toBeGreaterThan(0);
    expect(second.created).toBe([...after.keys()].filter((id) => !before.has(id)).length);
    expect(second.tombstoned).toBe(gone.length);
    for (const id of gone) expect((await recordOf(id))!.status).toBe('deleted');
    // Edit chains are read whole on every pass: their earlier versions are not taken for new edits.
    const edited = fake.livePosts().filter((n) => fake.chainOf(n).length > 1);
    expect(edited.length).toBeGreaterThan(3);
    for (const n of edited) expect((await recordOf(fake.chainOf(n)[0]))!.versionCount).toBe(fake.chainOf(n).length);
  });

  it('resumes a backfill stopped by a 429 at the reset X announced, from the refused request', async () => {
    await open({ seed: 9, posts: 150, maxRepliesPerPost: 1 });
    fake.rateLimitAfter(4);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const wait = ((await stopped.catch((error: unknown) => error)) as RateLimitedError).retryAfterMs;
    expect(wait).toBeLessThanOrEqual(2000);
    // The last API request (photos download beside it, on their own host path).
    const refused = fake.requests.filter((request) => request.startsWith('GET /2/')).at(-1);
    await new Promise((resolve) => setTimeout(resolve, wait));
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === refused)).toHaveLength(2);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(fake.expected().size);
  });

  it('says what the access tier keeps out: replies refused to a tier without search, and those older than seven days', async () => {
    // 200 posts an hour apart: the oldest 33 are more than seven days old.
    await open({ seed: 6, posts: 200, maxRepliesPerPost: 3, editRate: 0, tier: 'free' });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect([...result.notices].sort()).toEqual([X_TIER_NOTICES.olderReplies, X_TIER_NOTICES.searchRefused].sort());
    expect(result.notices.join(' ')).toMatch(/Basic tier/);
    // The posts are all archived; no reply is, and the account is told why instead of nothing being said.
    expect(result.created).toBe(fake.livePosts().length);
    const withReplies = fake.livePosts().find((n) => fake.replyCount(n) > 0 && fake.replyExists(n, 0))!;
    expect(await recordOf(fake.replyId(withReplies, 0))).toBeNull();
  });

  it('quarantines a malformed post with the page bytes and archives the rest', async () => {
    await open({ seed: 4, posts: 8, maxRepliesPerPost: 0, editRate: 0, malformedPosts: [3] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1, created: 7 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toContain('created_at');
    const page = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(page.data[entry.itemIndex!].text).toBe(fake.postText(3, 0));
  });

  it('says in plain words when the token is refused or the account does not exist', async () => {
    await open({ seed: 1, posts: 2 });
    fake.revokeToken();
    const refused = syncAccount(stack.deps, stack.accountId);
    await expect(refused).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(refused).rejects.toThrow(/the X bearer token was refused \(401\): regenerate it/);
    await stack.close();
    await fake.close();
    await open({ seed: 1, posts: 2 }, 'nosuchtown');
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(ConnectorConfigError);
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow('X has no account @nosuchtown');
  });
});
