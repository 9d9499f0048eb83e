import { FakeInstagram, type FakeInstagramServerOptions } from '@verbatim/connectors/testing';
import { ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

const WORLD: FakeInstagramServerOptions = {
  seed: 31,
  media: 90,
  newPostsPerStep: 3,
  maxCommentsPerPost: 6,
  newCommentRate: 0.4,
  editRate: 0.15,
  deleteRate: 0.06,
  hideRate: 0.1,
  nestedReplies: 1,
};

/** A fake account and a fresh stack whose account (platform `instagram`) reads it; both closed afterwards. */
async function withAccount(
  test: (fake: FakeInstagram, stack: SyncStack) => Promise<void>,
  options: Partial<FakeInstagramServerOptions> = {},
): Promise<void> {
  const fake = await FakeInstagram.start({ ...WORLD, ...options });
  const stack = await openSyncStack(
    { type: 'instagram', igUserId: fake.igUserId, accessToken: fake.accessToken, graphUrl: fake.baseUrl },
    'instagram',
  );
  try {
    await test(fake, stack);
  } finally {
    await stack.close();
    await fake.close();
  }
}

/** What the archive should hold as the text of a media (its caption) or a comment. */
function textOf(fake: FakeInstagram, id: string): unknown {
  const served = fake.objectOf(id)!;
  return served.caption ?? served.text;
}

function isHiddenNow(fake: FakeInstagram, id: string): boolean {
  return fake.objectOf(id)?.hidden === true;
}

describe('syncing an Instagram account from the fake Graph API', () => {
  it('backfills every media, comment and reply, hidden comments kept, carousels and videos archived', () =>
    withAccount(async (fake, { deps, catalog, accountId }) => {
      const result = await syncAccount(deps, accountId);
      expect(result.quarantined).toBe(0);
      const ids = fake.existingIds();
      expect(await catalog.countRecords()).toBe(ids.length);
      let hidden = 0;
      for (const id of ids) {
        const served = fake.objectOf(id)!;
        const record = (await catalog.getRecordByPlatformId(accountId, id))!;
        expect(record.text).toBe(textOf(fake, id));
        const ref = fake.account.refOf(id)!;
        if (ref.comment < 0) {
          expect(record.kind).toBe('post');
          expect(record.parentPlatformId).toBeUndefined();
          expect(record.url).toBe(served.permalink);
        } else {
          expect(record.kind).toBe(served.parent_id ? 'reply' : 'comment');
          expect(record.parentPlatformId).toBe(served.parent_id ?? fake.account.mediaIdOf(ref.post));
        }
        if (served.hidden) {
          hidden += 1;
          expect(record.status).toBe('hidden');
        }
      }
      expect(hidden).toBeGreaterThan(0);
      expect(result.mediaArchived).toBeGreaterThan(ids.filter((id) => fake.account.refOf(id)!.comment < 0).length);
      const carousel = ids.find((id) => fake.account.mediaTypeOf(fake.account.refOf(id)!.post) === 'CAROUSEL_ALBUM')!;
      const album = (await catalog.getRecordByPlatformId(accountId, carousel))!.attachments;
      expect(album.length).toBeGreaterThanOrEqual(3);
      for (const file of album) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      const video = ids.find((id) => fake.account.mediaTypeOf(fake.account.refOf(id)!.post) === 'VIDEO')!;
      const files = (await catalog.getRecordByPlatformId(accountId, video))!.attachments;
      expect(files.map((file) => [file.kind, file.mediaType])).toEqual([
        ['image', 'image/png'],
        ['video', 'video/mp4'],
      ]);
    }));

  it('after the clock moves: new media and comments, edited captions as versions, hides, deletions confirmed by lookup', () =>
    withAccount(async (fake, { deps, catalog, accountId }) => {
      await syncAccount(deps, accountId);
      const before = new Set(fake.existingIds());
      const texts = new Map([...before].map((id) => [id, textOf(fake, id)]));
      const hiddenBefore = new Set([...before].filter((id) => isHiddenNow(fake, id)));
      fake.advance();
      const second = await syncAccount(deps, accountId);
      const after = fake.existingIds();
      const added = after.filter((id) => !before.has(id));
      const deleted = [...before].filter((id) => fake.objectOf(id) === undefined);
      const edited = after.filter((id) => before.has(id) && textOf(fake, id) !== texts.get(id));
      const hidden = after.filter((id) => before.has(id) && !hiddenBefore.has(id) && isHiddenNow(fake, id));
      const editedCaptions = edited.filter((id) => fake.account.refOf(id)!.comment < 0);
      expect([added.length, deleted.length, editedCaptions.length, hidden.length].every((count) => count > 0)).toBe(
        true,
      );
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
        expect(versions.map((version) => version.text)).toEqual([texts.get(id), textOf(fake, id)]);
      }
      for (const id of hidden) expect((await catalog.getRecordByPlatformId(accountId, id))!.status).toBe('hidden');
      // Nothing new on the account: nothing changes (re-signed file links do not make versions).
      const third = await syncAccount(deps, accountId);
      expect(third).toMatchObject({ created: 0, newVersions: 0, tombstoned: 0 });
    }));

  it('stops at an Instagram BUC rate limit in the middle of a backfill and resumes from the refused request', () =>
    withAccount(async (fake, { deps, catalog, accountId }) => {
      let throttled = false;
      const stopped = await syncAccount(deps, accountId, {
        onProgress: (progress) => {
          if (progress.pages === 6 && !throttled) {
            throttled = true;
            fake.throttleNext(1, { code: 80002, regainMinutes: 3 });
          }
        },
      }).catch((error: unknown) => error);
      expect(stopped).toBeInstanceOf(RateLimitedError);
      expect((stopped as RateLimitedError).retryAfterMs).toBe(3 * 60_000);
      expect((stopped as Error).message).toMatch(
        /code 80002: There have been too many calls to this Instagram account/,
      );
      expect((await catalog.getSyncState(accountId)).status).toBe('running');
      const requestsBefore = fake.requests.length;
      const refused = fake.requests[requestsBefore - 1];
      const resumed = await syncAccount(deps, accountId);
      expect(resumed.resumed).toBe(true);
      expect(fake.requests[requestsBefore]).toBe(refused);
      expect(fake.requests.slice(requestsBefore).some((request) => request.includes('fields=id%2Cusername'))).toBe(
        false,
      );
      expect(await catalog.countRecords()).toBe(fake.existingIds().length);
    }));

  it('fails with the expired token in plain words, without retrying, and says so on the account', () =>
    withAccount(
      async (fake, { deps, accountId }) => {
        await syncAccount(deps, accountId);
        fake.revokeToken();
        const requests = fake.requests.length;
        const failed = await syncAccount(deps, accountId).catch((error: unknown) => error);
        expect(failed).toBeInstanceOf(ConnectorCredentialsError);
        expect((failed as Error).message).toMatch(
          /^the Instagram account's access token is invalid or expired: reconnect the account in the Meta app \(/,
        );
        expect(fake.requests.length).toBe(requests + 1);
        expect(await deps.catalog.getSyncState(accountId)).toMatchObject({
          passNumber: 1,
          status: 'completed',
          lastError: (failed as Error).message,
        });
      },
      { media: 10 },
    ));

  it('quarantines a malformed media with its page bytes and archives the rest of the page', () =>
    withAccount(
      async (fake, { deps, catalog, objectStore, accountId }) => {
        const result = await syncAccount(deps, accountId);
        expect(result).toMatchObject({ quarantined: 1, phase: 'done' });
        const [entry] = await catalog.listQuarantine(accountId);
        expect(entry.reason).toMatch(/^data\[\d+\]\.timestamp: /);
        const raw = JSON.parse(Buffer.from(await objectStore.get(entry.rawCaptureKey)).toString('utf8')) as {
          data: Array<{ id: string }>;
        };
        const broken = raw.data[entry.itemIndex!];
        expect(broken.id).toBe(fake.account.mediaIdOf(70));
        expect(await catalog.getRecordByPlatformId(accountId, broken.id)).toBeNull();
        const others = raw.data.filter((media) => media.id !== broken.id);
        expect(others.length).toBeGreaterThan(0);
        for (const media of others) expect(await catalog.getRecordByPlatformId(accountId, media.id)).not.toBeNull();
      },
      { malformedMedia: [70], deleteRate: 0, editRate: 0 },
    ));

  it('archives a file whose listed link had expired, through a fresh link from the media itself', () =>
    withAccount(
      async (fake, { deps, catalog, accountId }) => {
        const media = fake.account.mediaIdOf(12);
        await syncAccount(deps, accountId);
        const record = (await catalog.getRecordByPlatformId(accountId, media))!;
        expect(record.attachments.length).toBeGreaterThan(0);
        for (const attachment of record.attachments) expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(fake.requests.some((request) => request.startsWith(`GET /v21.0/${media}?fields=id%2Cmedia_type`))).toBe(
          true,
        );
      },
      { media: 20, staleLinkMedia: [12] },
    ));
});
