import { FakeDiscourse, type FakeDiscourseOptions } from '@verbatim/connectors/testing';
import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeDiscourse;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeDiscourseOptions, settings: { category?: string; withKey?: boolean } = {}) {
  fake = await FakeDiscourse.start(options);
  const key = settings.withKey === false ? {} : { apiKey: fake.apiKey };
  const category = settings.category === undefined ? {} : { category: settings.category };
  stack = await openSyncStack({ type: 'discourse', baseUrl: fake.baseUrl, ...key, ...category }, 'message-board');
}

const recordOf = (id: string | number) => stack.catalog.getRecordByPlatformId(stack.accountId, String(id));

describe('syncing a Discourse forum from the fake API', () => {
  it('backfills every topic and reply, long topics paged, each edit a version at the forum’s time', async () => {
    await open({ seed: 3, topics: 70, maxRepliesPerTopic: 25, editRate: 0.3, deleteRate: 0, hiddenRate: 0.1 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const expected = fake.expected();
    expect(result).toMatchObject({ phase: 'done', created: expected.size, quarantined: 0 });
    for (const [id, text] of expected) expect((await recordOf(id))?.text).toBe(text);
    expect(fake.requests.some((request) => request.startsWith('GET /latest.json?page=2'))).toBe(true);
    expect(fake.requests.some((request) => request.includes('/posts.json?post_ids%5B%5D='))).toBe(true);

    const { forum } = fake;
    const twice = forum.liveTopics().find((n) => forum.editTimes({ n, p: 0 }).length === 2)!;
    const record = (await recordOf(forum.postId({ n: twice, p: 0 })))!;
    expect(record).toMatchObject({ kind: 'post', status: 'edited' });
    const versions = await stack.catalog.listVersions(record.id);
    expect(versions.map((version) => version.text)).toEqual(
      [0, 1, 2].map((k) => forum.recordText({ n: twice, p: 0 }, k)),
    );
    expect(versions[2].editedAt).toBe(new Date(forum.editTimes({ n: twice, p: 0 })[1]).toISOString());

    const busy = forum.liveTopics().find((n) => forum.replyCount(n) >= 3)!;
    const first = String(forum.postId({ n: busy, p: 0 }));
    expect(await recordOf(forum.postId({ n: busy, p: 1 }))).toMatchObject({ kind: 'comment', parentPlatformId: first });
    expect(await recordOf(forum.postId({ n: busy, p: 2 }))).toMatchObject({
      kind: 'reply',
      parentPlatformId: String(forum.postId({ n: busy, p: 1 })),
      threadRootPlatformId: first,
    });
    expect(await recordOf(forum.postId({ n: busy, p: 3 }))).toMatchObject({ kind: 'comment', parentPlatformId: first });

    const flagged = forum.liveTopics().find((n) => forum.postHidden({ n, p: 1 }))!;
    expect(await recordOf(forum.postId({ n: flagged, p: 1 }))).toMatchObject({
      status: 'hidden',
      text: forum.recordText({ n: flagged, p: 1 }, forum.editTimes({ n: flagged, p: 1 }).length),
    });

    const pictured = forum.liveTopics().find((n) => forum.hasImage(n))!;
    const withImage = (await recordOf(forum.postId({ n: pictured, p: 0 })))!;
    expect(withImage.attachments).toHaveLength(1);
    expect(withImage.attachments[0].sha256).toBe(sha256Hex(fake.imageOf(pictured)));
    const capture = await stack.catalog.getCapture(versions[0].rawCaptureSha256);
    expect(capture!.source).not.toContain(fake.apiKey);
  });

  it('after the clock moves, adds topics and replies, records new edits once, tombstones what lookups confirm', async () => {
    await open({ seed: 5, topics: 40, maxRepliesPerTopic: 6, editRate: 0.25, deleteRate: 0.08 });
    await syncAccount(stack.deps, stack.accountId);
    const before = fake.expected();
    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = fake.expected();
    const gone = [...before.keys()].filter((id) => !after.has(id));
    const changed = [...after].filter(([id, text]) => before.has(id) && before.get(id) !== text);
    // Each edit since the first sync once (a post edited at both steps twice), and a new post's earlier edits.
    const { forum } = fake;
    const edits = [...after.keys()].flatMap((id) =>
      forum.editTimes(forum.refOf(Number(id))!).filter((time) => !before.has(id) || time > forum.now(0)),
    );
    expect(gone.length).toBeGreaterThan(0);
    expect(changed.length).toBeGreaterThan(0);
    expect(second.created).toBe([...after.keys()].filter((id) => !before.has(id)).length);
    expect(second.tombstoned).toBe(gone.length);
    expect(second.newVersions).toBe(edits.length);
    for (const id of gone) {
      expect((await recordOf(id))!.status).toBe('deleted');
      expect(fake.requests).toContain(`GET /posts/${id}.json`);
    }
    for (const [id, text] of changed) expect((await recordOf(id))!).toMatchObject({ status: 'edited', text });
    const third = await syncAccount(stack.deps, stack.accountId);
    expect(third).toMatchObject({ created: 0, newVersions: 0, tombstoned: 0 });
  });

  it('reads a forum as a guest: one category, posts flagged away left alone, never taken for deleted', async () => {
    await open(
      { seed: 6, topics: 30, maxRepliesPerTopic: 4, deleteRate: 0.1, hiddenRate: 0.3 },
      { withKey: false, category: 'public-works' },
    );
    const { forum } = fake;
    const inCategory = (ids: Map<string, string>) =>
      new Map([...ids].filter(([id]) => forum.categoryOf(forum.refOf(Number(id))!.n).slug === 'public-works'));
    const first = await syncAccount(stack.deps, stack.accountId);
    const before = inCategory(fake.expected(false));
    expect(first.created).toBe(before.size);
    expect(before.size).toBeLessThan(inCategory(fake.expected(true)).size);
    for (const [id, text] of before) expect((await recordOf(id))?.text).toBe(text);
    expect(fake.requests.some((request) => request.startsWith('GET /c/public-works/6.json'))).toBe(true);
    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = inCategory(fake.expected(false));
    expect(second.tombstoned).toBe([...before.keys()].filter((id) => !after.has(id)).length);
    expect(second.tombstoned).toBeGreaterThan(0);
  });

  it('waits as a 429 says, then resumes from the refused request', async () => {
    await open({ seed: 9, topics: 45, maxRepliesPerTopic: 2 });
    fake.rateLimitAfter(6);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const wait = ((await stopped.catch((error: unknown) => error)) as RateLimitedError).retryAfterMs;
    expect(wait).toBe(1000);
    const refused = fake.requests.filter((request) => !request.includes('/uploads/')).at(-1);
    await new Promise((resolve) => setTimeout(resolve, wait));
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === refused)).toHaveLength(2);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(fake.expected().size);
  });

  it('quarantines a malformed post with the page bytes and archives the rest', async () => {
    await open({ seed: 4, topics: 8, maxRepliesPerTopic: 0, editRate: 0, malformedTopics: [3] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1, created: 7 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toContain('created_at');
    const page = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(page.post_stream.posts[entry.itemIndex!].id).toBe(fake.forum.postId({ n: 3, p: 0 }));
  });

  it('says in plain words when the key is refused or the category does not exist, without retrying', async () => {
    await open({ seed: 1, topics: 2 });
    fake.revokeKey();
    const refused = syncAccount(stack.deps, stack.accountId);
    await expect(refused).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(refused).rejects.toThrow(/the Discourse API key was refused .*revoked or expired.*Admin → API → Keys/);
    await stack.close();
    await fake.close();
    await open({ seed: 1, topics: 2 }, { category: 'parks' });
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(ConnectorConfigError);
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow('has no category "parks"');
  });
});
