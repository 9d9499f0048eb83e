import { htmlToText } from '@verbatim/connectors';
import { FakeMastodon, type FakeMastodonServerOptions } from '@verbatim/connectors/testing';
import { ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

const WORLD: FakeMastodonServerOptions = {
  seed: 21,
  posts: 70,
  newPostsPerStep: 3,
  maxRepliesPerPost: 4,
  newReplyRate: 0.3,
  editRate: 0.1,
  deleteRate: 0.08,
  mediaRate: 0.2,
  privateRate: 0.05,
};

/** A fake instance and a fresh stack whose account (platform `mastodon`) reads it; both closed afterwards. */
async function withInstance(
  test: (fake: FakeMastodon, stack: SyncStack) => Promise<void>,
  options: Partial<FakeMastodonServerOptions> = {},
  accessToken?: string,
): Promise<void> {
  const fake = await FakeMastodon.start({ ...WORLD, ...options });
  const stack = await openSyncStack(
    { type: 'mastodon', instanceUrl: fake.baseUrl, account: 'townofx', ...(accessToken ? { accessToken } : {}) },
    'mastodon',
  );
  try {
    await test(fake, stack);
  } finally {
    await stack.close();
    await fake.close();
  }
}

/** What the instance shows publicly now: every public post and the replies of its thread. */
function publicIds(fake: FakeMastodon): string[] {
  return fake.existingIds().filter((id) => !fake.model.isPrivate(fake.model.refOf(id)!.post));
}

describe('syncing a Mastodon account from the fake instance', () => {
  it('backfills every public post and reply, edits as versions with the edit times, media archived', () =>
    withInstance(async (fake, { deps, catalog, objectStore, accountId }) => {
      const result = await syncAccount(deps, accountId);
      expect(result.quarantined).toBe(0);
      const ids = publicIds(fake);
      expect(await catalog.countRecords()).toBe(ids.length);
      let edited = 0;
      for (const id of ids) {
        const status = fake.statusOf(id)!;
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record).toMatchObject({ text: htmlToText(status.content as string), url: status.url });
        expect(record.postedAt).toBe(status.created_at);
        expect(record.parentPlatformId).toBe(status.in_reply_to_id ?? undefined);
        expect(record.kind).toBe(
          status.in_reply_to_id ? (status.in_reply_to_account_id === '42' ? 'comment' : 'reply') : 'post',
        );
        const versions = await catalog.listVersions(record.id);
        expect(versions).toHaveLength(fake.editsOf(id) + 1);
        if (status.edited_at) {
          edited += 1;
          expect(versions[versions.length - 1].editedAt).toBe(status.edited_at);
          expect(versions[0].editedAt).toBeUndefined();
        }
      }
      expect(edited).toBeGreaterThan(0);
      const withMedia = (await catalog.getRecords((await catalog.listSearchDocuments(null, 1000)).map((d) => d.id)))
        .flatMap((record) => record.attachments)
        .filter((attachment) => attachment.sha256);
      expect(withMedia.length).toBeGreaterThan(0);
      // The record's text is plain; the archived original is the instance's HTML, byte for byte.
      const post = (await catalog.getRecordByPlatformId(accountId, ids[0]))!;
      const [version] = await catalog.listVersions(post.id);
      const raw = Buffer.from(await objectStore.get(version.rawCaptureKey)).toString('utf8');
      expect(raw).toContain('<p>');
    }));

  it('after the clock moves, adds new posts and replies, new edits once each, and tombstones confirmed deletions', () =>
    withInstance(async (fake, { deps, catalog, accountId }) => {
      await syncAccount(deps, accountId);
      const before = new Set(publicIds(fake));
      const editsBefore = new Map([...before].map((id) => [id, fake.editsOf(id)]));
      fake.advance();
      const second = await syncAccount(deps, accountId);
      const after = publicIds(fake);
      const added = after.filter((id) => !before.has(id));
      const deleted = [...before].filter((id) => fake.statusOf(id) === undefined);
      const newEdits = after.filter((id) => before.has(id) && fake.editsOf(id) > editsBefore.get(id)!);
      expect(added.length).toBeGreaterThan(0);
      expect(deleted.length).toBeGreaterThan(0);
      expect(newEdits.length).toBeGreaterThan(0);
      expect(second.created).toBe(added.length);
      expect(second.newVersions).toBe(newEdits.length);
      expect(second.tombstoned).toBe(deleted.length);
      for (const id of deleted) {
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record.status).toBe('deleted');
        expect(await catalog.getTombstone(record.id)).toMatchObject({ reason: 'deleted-on-platform' });
      }
      for (const id of newEdits) {
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record.versionCount).toBe(fake.editsOf(id) + 1);
        expect(record.editedAt).toBe(fake.statusOf(id)!.edited_at);
      }
      // A pass with nothing new on the instance changes nothing: no edit is emitted twice.
      const third = await syncAccount(deps, accountId);
      expect(third).toMatchObject({ created: 0, newVersions: 0, tombstoned: 0 });
    }));

  it('stops at a rate limit in the middle of a backfill and resumes from the refused request', () =>
    withInstance(async (fake, { deps, catalog, accountId }) => {
      let refusedAt = -1;
      const stopped = await syncAccount(deps, accountId, {
        onProgress: (progress) => {
          if (progress.pages === 6 && refusedAt < 0) {
            refusedAt = fake.requests.length;
            fake.rateLimitNext(1, 3000);
          }
        },
      }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(RateLimitedError);
      expect((stopped as RateLimitedError).retryAfterMs).toBeGreaterThan(1500);
      const state = await catalog.getSyncState(accountId);
      expect(state.status).toBe('running');
      const requestsBefore = fake.requests.length;
      // The first request after the refusal was set up (later ones may have been made ahead of their turn).
      const refused = fake.requests[refusedAt];
      const resumed = await syncAccount(deps, accountId);
      expect(resumed.resumed).toBe(true);
      // The first request after resuming is the one refused: nothing before it is fetched again.
      expect(fake.requests[requestsBefore]).toBe(refused);
      expect(fake.requests.slice(requestsBefore).some((request) => request.includes('/accounts/lookup'))).toBe(false);
      expect(await catalog.countRecords()).toBe(publicIds(fake).length);
    }));

  it('quarantines a malformed status with its page bytes and archives the rest of the page', () =>
    withInstance(
      async (fake, { deps, catalog, objectStore, accountId }) => {
        const result = await syncAccount(deps, accountId);
        expect(result.quarantined).toBe(1);
        expect(result.phase).toBe('done');
        const [entry] = await catalog.listQuarantine(accountId);
        expect(entry.reason).toMatch(/^statuses\[\d+\]\.created_at: /);
        const raw = JSON.parse(Buffer.from(await objectStore.get(entry.rawCaptureKey)).toString('utf8')) as Array<{
          id: string;
        }>;
        const broken = raw[entry.itemIndex!];
        expect(broken.id).toBe(fake.model.idOf({ post: 65, reply: -1 }));
        expect(await catalog.getRecordByPlatformId(accountId, broken.id)).toBeNull();
        const others = raw.filter((status) => status.id !== broken.id);
        expect(others.length).toBeGreaterThan(0);
        for (const status of others) expect(await catalog.getRecordByPlatformId(accountId, status.id)).not.toBeNull();
      },
      { malformedPosts: [65], privateRate: 0, deleteRate: 0, editRate: 0 },
    ));

  it('fails with the refused token in plain words when the token is revoked', () =>
    withInstance(
      async (fake, { deps, accountId }) => {
        await syncAccount(deps, accountId);
        fake.revokeToken();
        fake.advance();
        const failed = await syncAccount(deps, accountId).catch((error: unknown) => error);
        expect(failed).toBeInstanceOf(ConnectorCredentialsError);
        expect((failed as Error).message).toMatch(/^the Mastodon access token was refused \(401\)/);
        // Refused before a pass could begin: the account still says so, and its last pass stays as it was.
        expect(await deps.catalog.getSyncState(accountId)).toMatchObject({
          passNumber: 1,
          status: 'completed',
          lastError: (failed as Error).message,
        });
      },
      { posts: 10, accessToken: 'town-token' },
      'town-token',
    ));
});
