import { FakeFacebook, type FakeFacebookServerOptions } from '@verbatim/connectors/testing';
import { ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

const WORLD: FakeFacebookServerOptions = {
  seed: 31,
  posts: 90,
  newPostsPerStep: 3,
  maxCommentsPerPost: 5,
  newCommentRate: 0.4,
  editRate: 0.15,
  deleteRate: 0.06,
  hideRate: 0.1,
  mediaRate: 0.25,
};

/** A fake Page and a fresh stack whose account (platform `facebook`) reads it; both closed afterwards. */
async function withPage(
  test: (fake: FakeFacebook, stack: SyncStack) => Promise<void>,
  options: Partial<FakeFacebookServerOptions> = {},
): Promise<void> {
  const fake = await FakeFacebook.start({ ...WORLD, ...options });
  const stack = await openSyncStack(
    { type: 'facebook', pageId: fake.pageId, accessToken: fake.accessToken, graphUrl: fake.baseUrl },
    'facebook',
  );
  try {
    await test(fake, stack);
  } finally {
    await stack.close();
    await fake.close();
  }
}

function isHiddenNow(fake: FakeFacebook, id: string): boolean {
  return fake.objectOf(id)?.is_hidden === true;
}

describe('syncing a Facebook Page from the fake Graph API', () => {
  it('backfills every post and comment, threads and hidden comments kept, photos archived', () =>
    withPage(async (fake, { deps, catalog, accountId }) => {
      const result = await syncAccount(deps, accountId);
      expect(result.quarantined).toBe(0);
      const ids = fake.existingIds();
      expect(await catalog.countRecords()).toBe(ids.length);
      let hidden = 0;
      for (const id of ids) {
        const served = fake.objectOf(id)!;
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record.text).toBe(served.message);
        const parent = (served.parent as { id: string } | undefined)?.id;
        if (record.kind === 'post') expect(record.parentPlatformId).toBeUndefined();
        else expect(record.parentPlatformId).toBe(parent ?? `${fake.pageId}_${id.split('_')[0]}`);
        expect(record.kind).toBe(id.startsWith(`${fake.pageId}_`) ? 'post' : parent ? 'reply' : 'comment');
        if (served.is_hidden) {
          hidden += 1;
          expect(record.status).toBe('hidden');
        }
      }
      expect(hidden).toBeGreaterThan(0);
      expect(result.mediaArchived).toBeGreaterThan(0);
      const withPhotos = ids.filter(
        (id) => id.startsWith(`${fake.pageId}_`) && fake.page.photoCount(fake.page.refOf(id)!.post) > 0,
      );
      const photo = (await catalog.getRecordByPlatformId(accountId, withPhotos[0]))!.attachments[0];
      expect(photo).toMatchObject({ kind: 'image', mediaType: 'image/png', width: 12, height: 8 });
      expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    }));

  it('after the clock moves: new posts and comments, edits as versions, hides, and deletions confirmed by lookup', () =>
    withPage(async (fake, { deps, catalog, accountId }) => {
      await syncAccount(deps, accountId);
      const before = new Set(fake.existingIds());
      const messages = new Map([...before].map((id) => [id, fake.objectOf(id)!.message]));
      const hiddenBefore = new Set([...before].filter((id) => isHiddenNow(fake, id)));
      fake.advance();
      const second = await syncAccount(deps, accountId);
      const after = fake.existingIds();
      const added = after.filter((id) => !before.has(id));
      const deleted = [...before].filter((id) => fake.objectOf(id) === undefined);
      const edited = after.filter((id) => before.has(id) && fake.objectOf(id)!.message !== messages.get(id));
      const hidden = after.filter((id) => before.has(id) && !hiddenBefore.has(id) && isHiddenNow(fake, id));
      expect([added.length, deleted.length, edited.length, hidden.length].every((count) => count > 0)).toBe(true);
      expect(second).toMatchObject({
        created: added.length,
        newVersions: edited.length,
        tombstoned: deleted.length,
        quarantined: 0,
      });
      for (const id of deleted) {
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record.status).toBe('deleted');
        expect(await catalog.getTombstone(record.id)).toMatchObject({ reason: 'deleted-on-platform' });
      }
      for (const id of edited) {
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        const versions = await catalog.listVersions(record.id);
        expect(versions.map((version) => version.text)).toEqual([messages.get(id), fake.objectOf(id)!.message]);
      }
      for (const id of hidden) expect((await catalog.getRecordByPlatformId(accountId, id))!.status).toBe('hidden');
      // Nothing new on the Page: nothing changes (re-signed photo links do not make versions).
      const third = await syncAccount(deps, accountId);
      expect(third).toMatchObject({ created: 0, newVersions: 0, tombstoned: 0 });
    }));

  it('stops at a BUC rate limit (80001) in the middle of a backfill and resumes from the refused request', () =>
    withPage(async (fake, { deps, catalog, accountId }) => {
      let throttledAt = -1;
      const stopped = await syncAccount(deps, accountId, {
        onProgress: (progress) => {
          if (progress.pages === 6 && throttledAt < 0) {
            throttledAt = fake.requests.length;
            fake.throttleNext(1, { code: 80001, regainMinutes: 3 });
          }
        },
      }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(RateLimitedError);
      expect((stopped as RateLimitedError).retryAfterMs).toBe(3 * 60_000);
      expect((stopped as Error).message).toMatch(/code 80001: There have been too many calls to this Page account/);
      expect((await catalog.getSyncState(accountId)).status).toBe('running');
      const requestsBefore = fake.requests.length;
      // The first request after the throttle was set up (later ones may have been made ahead of their turn).
      const refused = fake.requests[throttledAt];
      const resumed = await syncAccount(deps, accountId);
      expect(resumed.resumed).toBe(true);
      expect(fake.requests[requestsBefore]).toBe(refused);
      expect(fake.requests.slice(requestsBefore).some((request) => request.includes('fields=id%2Cname'))).toBe(false);
      expect(await catalog.countRecords()).toBe(fake.existingIds().length);
    }));

  it('fails with the expired token in plain words, without retrying, and says so on the account', () =>
    withPage(
      async (fake, { deps, accountId }) => {
        await syncAccount(deps, accountId);
        fake.revokeToken();
        const requests = fake.requests.length;
        const failed = await syncAccount(deps, accountId).catch((error: unknown) => error);
        expect(failed).toBeInstanceOf(ConnectorCredentialsError);
        expect((failed as Error).message).toMatch(/^the Page's access token is invalid or expired: reconnect the Page/);
        expect(fake.requests.length).toBe(requests + 1);
        expect(await deps.catalog.getSyncState(accountId)).toMatchObject({
          passNumber: 1,
          status: 'completed',
          lastError: (failed as Error).message,
        });
      },
      { posts: 10 },
    ));

  it('quarantines a malformed post with its page bytes and archives the rest of the page', () =>
    withPage(
      async (fake, { deps, catalog, objectStore, accountId }) => {
        const result = await syncAccount(deps, accountId);
        expect(result).toMatchObject({ quarantined: 1, phase: 'done' });
        const [entry] = await catalog.listQuarantine(accountId);
        expect(entry.reason).toMatch(/^data\[\d+\]\.created_time: /);
        const raw = JSON.parse(Buffer.from(await objectStore.get(entry.rawCaptureKey)).toString('utf8')) as {
          data: Array<{ id: string }>;
        };
        const broken = raw.data[entry.itemIndex!];
        expect(broken.id).toBe(fake.page.postIdOf(70));
        expect(await catalog.getRecordByPlatformId(accountId, broken.id)).toBeNull();
        const others = raw.data.filter((post) => post.id !== broken.id);
        expect(others.length).toBeGreaterThan(0);
        for (const post of others) expect(await catalog.getRecordByPlatformId(accountId, post.id)).not.toBeNull();
      },
      { malformedPosts: [70], deleteRate: 0, editRate: 0 },
    ));

  it('archives a photo whose listed link had expired, through a fresh link from the post itself', () =>
    withPage(
      async (fake, { deps, catalog, accountId }) => {
        const post = fake.page.postIdOf(12);
        await syncAccount(deps, accountId);
        const record = (await catalog.getRecordByPlatformId(accountId, post))!;
        expect(record.attachments.length).toBeGreaterThan(0);
        for (const attachment of record.attachments) expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(fake.requests.some((request) => request.startsWith(`GET /v21.0/${post}?fields=attachments`))).toBe(true);
      },
      { posts: 20, mediaRate: 1, staleLinkPosts: [12] },
    ));
});
