import {
  FAKE_ORGANIZATION_NAME,
  FAKE_ORGANIZATION_URN,
  FakeLinkedin,
  type FakeLinkedinServerOptions,
} from '@verbatim/connectors/testing';
import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeLinkedin;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeLinkedinServerOptions, organizationId?: string): Promise<void> {
  fake = await FakeLinkedin.start(options);
  stack = await openSyncStack(
    {
      type: 'linkedin',
      organizationId: organizationId ?? `urn:li:organization:${fake.organizationId}`,
      accessToken: fake.accessToken,
      apiUrl: fake.apiUrl,
    },
    'linkedin',
  );
}

const recordOf = (id: string) => stack.catalog.getRecordByPlatformId(stack.accountId, id);

describe('syncing a LinkedIn organization from the fake Community Management API', () => {
  it('backfills every post, comment and reply, paged to the end, images downloaded, the token kept out', async () => {
    await open({ seed: 3, posts: 45, maxCommentsPerPost: 8, maxRepliesPerComment: 3, imageRate: 0.3, maxPageSize: 6 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const expected = fake.expected();
    expect(result).toMatchObject({ phase: 'done', created: expected.size, quarantined: 0 });
    for (const [id, text] of expected) expect((await recordOf(id))?.text).toBe(text);
    const org = fake.organization;
    // LinkedIn escapes reserved characters in its "little text": the archive keeps the text as people read it.
    expect((await recordOf(org.postUrn(4)))?.text).toContain('(Public Works)');
    expect(fake.requests.some((request) => request.includes('/comments?') && request.includes('start=6'))).toBe(true);
    const withReplies = org
      .livePosts(0)
      .flatMap((n) => org.liveComments(n, 0).map((c) => ({ n, c })))
      .find(({ n, c }) => org.liveReplies(n, c, 0).length > 0)!;
    const commentRef = { post: withReplies.n, comment: withReplies.c, reply: -1 };
    const replyRef = { ...commentRef, reply: org.liveReplies(withReplies.n, withReplies.c, 0)[0] };
    expect(await recordOf(org.commentUrn(commentRef))).toMatchObject({
      kind: 'comment',
      parentPlatformId: org.postUrn(withReplies.n),
    });
    expect(await recordOf(org.commentUrn(replyRef))).toMatchObject({
      kind: 'reply',
      parentPlatformId: org.commentUrn(commentRef),
    });
    const byTown = [...expected.keys()].find(
      (id) => id.startsWith('urn:li:comment:') && org.commentActor(org.refOfUrn(id)!) === FAKE_ORGANIZATION_URN,
    );
    expect(byTown).toBeDefined();
    expect((await recordOf(byTown!))?.author.name).toBe(FAKE_ORGANIZATION_NAME);
    expect((await recordOf(org.postUrn(0)))?.author).toMatchObject({ name: FAKE_ORGANIZATION_NAME, handle: 'townofx' });
    const pictured = org.livePosts(0).find((n) => org.hasImage(n))!;
    const post = (await recordOf(org.postUrn(pictured)))!;
    expect(post.attachments[0].sha256).toBe(sha256Hex(fake.imageOf(pictured)));
    const capture = await stack.catalog.getCapture((await stack.catalog.listVersions(post.id))[0].rawCaptureSha256);
    expect(capture!.source).not.toContain(fake.accessToken);
  });

  it('after the clock moves, adds what is new, keeps edits as versions at LinkedIn’s lastModified, tombstones confirmed deletions', async () => {
    await open({ seed: 5, posts: 40, editRate: 0.3, deleteRate: 0.1, newCommentRate: 0.5 });
    await syncAccount(stack.deps, stack.accountId);
    const before = fake.expected();
    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = fake.expected();
    const added = [...after.keys()].filter((id) => !before.has(id));
    const gone = [...before.keys()].filter((id) => !after.has(id));
    const changed = [...after].filter(([id, text]) => before.has(id) && before.get(id) !== text);
    expect(added.length).toBeGreaterThan(0);
    expect(gone.length).toBeGreaterThan(0);
    expect(changed.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ created: added.length, newVersions: changed.length, tombstoned: gone.length });
    for (const id of gone) expect((await recordOf(id))!.status).toBe('deleted');
    const lookups = fake.requests.filter((request) => /^GET \/rest\/(posts|socialActions)\/[^?]+$/.test(request));
    expect(lookups.length).toBeGreaterThanOrEqual(gone.length);
    const org = fake.organization;
    const editedPost = org
      .livePosts(2)
      .find((n) => before.has(org.postUrn(n)) && org.postText(n, 2) !== before.get(org.postUrn(n)))!;
    const record = (await recordOf(org.postUrn(editedPost)))!;
    expect(record.status).toBe('edited');
    const versions = await stack.catalog.listVersions(record.id);
    expect(versions.map((version) => version.text)).toEqual([
      before.get(org.postUrn(editedPost)),
      org.postText(editedPost, 2),
    ]);
    expect(versions[1].editedAt).toBe(new Date(org.postModifiedAt(editedPost, 2)).toISOString());
  });

  it('never takes an item missing from a listing for deleted: the lookup finds it, nothing is tombstoned', async () => {
    await open({ seed: 6, posts: 10, maxCommentsPerPost: 3, deleteRate: 0 });
    await syncAccount(stack.deps, stack.accountId);
    const org = fake.organization;
    const post = org.postUrn(3);
    const comment = [...fake.expected().keys()].find(
      (id) => id.startsWith('urn:li:comment:') && org.refOfUrn(id)!.reply < 0,
    )!;
    fake.omitFromListings(post);
    fake.omitFromListings(comment);
    const second = await syncAccount(stack.deps, stack.accountId);
    expect(second.tombstoned).toBe(0);
    expect((await recordOf(post))!.status).not.toBe('deleted');
    expect((await recordOf(comment))!.status).not.toBe('deleted');
    expect(fake.requests).toContain(`GET /rest/posts/${encodeURIComponent(post)}`);
  });

  it('waits for midnight UTC when the daily limit is reached (429), then resumes from the refused request', async () => {
    await open({ seed: 9, posts: 30, maxCommentsPerPost: 2, maxPageSize: 10 });
    fake.spendDailyLimit(12);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const error = (await stopped.catch((caught: unknown) => caught)) as RateLimitedError;
    expect(error.message).toMatch(/LinkedIn's daily API limit is reached .*resets at midnight UTC/);
    const now = Date.now();
    const midnight = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate() + 1,
    );
    expect(Math.abs(error.retryAfterMs - Math.max(1000, midnight - now))).toBeLessThan(60_000);
    const refused = fake.requests.at(-1);
    fake.resetDay();
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === refused)).toHaveLength(2);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(fake.expected().size);
  });

  it('quarantines a malformed post with the page bytes and archives the rest', async () => {
    await open({ seed: 4, posts: 6, maxCommentsPerPost: 0, malformedPosts: [2] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1, created: 5 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toContain('createdAt');
    const page = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(page.elements[entry.itemIndex!].id).toBe(fake.organization.postUrn(2));
  });

  it('says in plain words when the token expired or was revoked, or the partner permission is missing', async () => {
    await open({ seed: 1, posts: 2 });
    fake.expireToken();
    const expired = syncAccount(stack.deps, stack.accountId);
    await expect(expired).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(expired).rejects.toThrow(/^the LinkedIn access token has expired .*sign in to the app again/);
    fake.revokeToken();
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(/^the LinkedIn access token was revoked/);
    await stack.close();
    await fake.close();
    await open({ seed: 1, posts: 2 });
    fake.withdrawPartnerAccess();
    const forbidden = syncAccount(stack.deps, stack.accountId);
    await expect(forbidden).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(forbidden).rejects.toThrow(
      /LinkedIn refused to show the organization's posts \(403 ACCESS_DENIED.*needs the r_organization_social permission.*Community Management API/,
    );
  });

  it('archives without the admin lookup, naming the organization by its URN', async () => {
    await open({ seed: 2, posts: 5, maxCommentsPerPost: 2 });
    fake.denyOrganizationLookup();
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', created: fake.expected().size });
    expect((await recordOf(fake.organization.postUrn(0)))?.author).toMatchObject({
      id: FAKE_ORGANIZATION_URN,
      name: FAKE_ORGANIZATION_URN,
    });
  });

  it('says what to change when the organization does not exist or the API version is retired', async () => {
    await open({ seed: 1, posts: 2 }, '99999');
    const missing = syncAccount(stack.deps, stack.accountId);
    await expect(missing).rejects.toBeInstanceOf(ConnectorConfigError);
    await expect(missing).rejects.toThrow('LinkedIn has no organization 99999: check the organizationId setting');
    fake.retireVersion();
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(
      /^LinkedIn no longer serves API version \d{6} \(Requested version \d{6} is not active\): update Verbatim/,
    );
  });
});
