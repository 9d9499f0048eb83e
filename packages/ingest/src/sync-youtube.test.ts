import { YoutubeConnectorConfigSchema } from '@verbatim/connectors';
import {
  FAKE_CHANNEL_ID,
  FAKE_YOUTUBE_OAUTH,
  FakeYoutube,
  type FakeYoutubeServerOptions,
} from '@verbatim/connectors/testing';
import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError, sha256Hex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

let fake: FakeYoutube;
let stack: SyncStack;

afterEach(async () => {
  await stack?.close();
  await fake?.close();
});

async function open(options: FakeYoutubeServerOptions, channelId = FAKE_CHANNEL_ID): Promise<void> {
  fake = await FakeYoutube.start(options);
  stack = await openSyncStack({ type: 'youtube', channelId, apiKey: fake.apiKey, apiUrl: fake.apiUrl }, 'youtube');
}

/** The channel read with its owner's OAuth credentials instead of an API key. */
async function openWithOwnerToken(options: FakeYoutubeServerOptions, refreshable: boolean): Promise<void> {
  fake = await FakeYoutube.start(options);
  const oauth = refreshable ? { ...FAKE_YOUTUBE_OAUTH, tokenUrl: fake.tokenUrl } : {};
  const config = {
    type: 'youtube' as const,
    channelId: FAKE_CHANNEL_ID,
    accessToken: fake.accessToken,
    apiUrl: fake.apiUrl,
    ...oauth,
  };
  stack = await openSyncStack(config, 'youtube');
}

const recordOf = (id: string) => stack.catalog.getRecordByPlatformId(stack.accountId, id);

describe('syncing a YouTube channel from the fake Data API', () => {
  it('backfills every upload, comment thread and reply, replies beyond the inlined five included', async () => {
    await open({ seed: 3, videos: 70, maxThreadsPerVideo: 3, maxRepliesPerThread: 9, commentsOffRate: 0.2 });
    const result = await syncAccount(stack.deps, stack.accountId);
    const expected = fake.existingIds();
    expect(result).toMatchObject({ phase: 'done', created: expected.length, quarantined: 0 });
    for (const id of expected) expect((await recordOf(id))?.text).toBe(fake.textOf(id));
    const { channel } = fake;
    const busy = channel
      .liveVideos(0)
      .flatMap((v) => channel.liveThreads(v, 0).map((t) => ({ v, t })))
      .find(({ v, t }) => channel.replyCount(v, t) > 5)!;
    const lastReply = await recordOf(channel.replyId(busy.v, busy.t, channel.replyCount(busy.v, busy.t) - 1));
    expect(lastReply).toMatchObject({ kind: 'reply', parentPlatformId: channel.threadId(busy.v, busy.t) });
    expect((await recordOf(channel.threadId(busy.v, busy.t)))?.parentPlatformId).toBe(channel.videoId(busy.v));
    expect(fake.requests.some((request) => request.includes('/comments?') && request.includes('parentId='))).toBe(true);
    const video = (await recordOf(channel.videoId(0)))!;
    expect(video.attachments[0].sha256).toBe(sha256Hex(fake.thumbnailOf(0)));
    expect(fake.requests.every((request) => !request.includes('/search'))).toBe(true);
    const capture = await stack.catalog.getCapture((await stack.catalog.listVersions(video.id))[0].rawCaptureSha256);
    expect(capture!.source).not.toContain(fake.apiKey);
  });

  it('after the clock moves, adds uploads and threads, keeps edits as versions, tombstones confirmed deletions', async () => {
    await open({ seed: 5, videos: 40, editRate: 0.3, deleteRate: 0.1, newThreadRate: 0.5 });
    await syncAccount(stack.deps, stack.accountId);
    const before = new Set(fake.existingIds());
    fake.advance(2);
    const second = await syncAccount(stack.deps, stack.accountId);
    const after = fake.existingIds();
    const added = after.filter((id) => !before.has(id));
    const gone = [...before].filter((id) => !after.includes(id));
    expect(added.length).toBeGreaterThan(0);
    expect(gone.length).toBeGreaterThan(0);
    expect(second.created).toBe(added.length);
    expect(second.newVersions).toBeGreaterThan(0);
    expect(second.tombstoned).toBe(gone.length);
    for (const id of gone) expect((await recordOf(id))!.status).toBe('deleted');
    const edited = after.find((id) => before.has(id) && fake.textOf(id)!.includes('(edited'))!;
    const record = (await recordOf(edited))!;
    expect(record.status).toBe('edited');
    expect(record.editedAt).toBeDefined();
    expect((await stack.catalog.listVersions(record.id)).at(-1)!.text).toBe(fake.textOf(edited));
  });

  it('waits for midnight Pacific when the day’s quota runs out, then resumes where it stopped', async () => {
    await open({ seed: 9, videos: 60, maxThreadsPerVideo: 2, commentsOffRate: 0 });
    fake.spendQuota(12);
    const stopped = syncAccount(stack.deps, stack.accountId);
    await expect(stopped).rejects.toBeInstanceOf(RateLimitedError);
    const error = (await stopped.catch((caught: unknown) => caught)) as RateLimitedError;
    expect(error.message).toMatch(/quota .* resets at midnight Pacific time/);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(25 * 3_600_000);
    const refused = fake.requests[fake.requests.length - 1];
    fake.resetQuota();
    const resumed = await syncAccount(stack.deps, stack.accountId);
    expect(resumed.resumed).toBe(true);
    expect(fake.requests.filter((request) => request === refused)).toHaveLength(2);
    expect(await stack.catalog.countRecords({ accountId: stack.accountId })).toBe(fake.existingIds().length);
  });

  it('quarantines a malformed upload with the page bytes and archives the rest', async () => {
    await open({ seed: 4, videos: 6, maxThreadsPerVideo: 0, malformedVideos: [2] });
    const result = await syncAccount(stack.deps, stack.accountId);
    expect(result).toMatchObject({ phase: 'done', quarantined: 1, created: 5 });
    const [entry] = await stack.catalog.listQuarantine(stack.accountId);
    expect(entry.reason).toContain('contentDetails.videoPublishedAt');
    const page = JSON.parse(Buffer.from(await stack.objectStore.get(entry.rawCaptureKey)).toString('utf8'));
    expect(page.items[entry.itemIndex!].contentDetails.videoId).toBe(fake.channel.videoId(2));
  });

  it('reads with the owner’s OAuth token, renews it from the refresh token when it expires, and says when it cannot', async () => {
    await openWithOwnerToken({ seed: 2, videos: 5, maxThreadsPerVideo: 2 }, true);
    const first = await syncAccount(stack.deps, stack.accountId);
    expect(first.created).toBe(fake.existingIds().length);
    expect(fake.tokensIssued).toBe(0);
    expect(fake.requests.every((request) => !request.includes('key='))).toBe(true);

    fake.revokeToken(); // the saved access token's hour is over
    fake.advance();
    const second = await syncAccount(stack.deps, stack.accountId);
    expect(second.phase).toBe('done');
    expect(fake.tokensIssued).toBe(1);

    fake.revokeRefreshToken();
    const refused = syncAccount(stack.deps, stack.accountId);
    await expect(refused).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(refused).rejects.toThrow(
      /Google refused to renew the YouTube access token \(invalid_grant\).*authorize Verbatim again/,
    );
  });

  it('says an expired access token without a refresh token needs one, and checks the OAuth settings go together', async () => {
    await openWithOwnerToken({ seed: 2, videos: 2 }, false);
    fake.revokeToken();
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(
      /the YouTube access token was refused .*save the channel owner's refreshToken/,
    );
    const base = { type: 'youtube', channelId: FAKE_CHANNEL_ID };
    expect(
      YoutubeConnectorConfigSchema.safeParse({ ...base, refreshToken: FAKE_YOUTUBE_OAUTH.refreshToken }).success,
    ).toBe(false);
    expect(
      YoutubeConnectorConfigSchema.safeParse({ ...base, apiKey: 'AIza0123456789', accessToken: fake.accessToken })
        .success,
    ).toBe(false);
    expect(YoutubeConnectorConfigSchema.safeParse({ ...base, ...FAKE_YOUTUBE_OAUTH }).success).toBe(true);
  });

  it('says in plain words when the key is refused or the channel does not exist, without retrying', async () => {
    await open({ seed: 1, videos: 2 });
    fake.revokeKey();
    const refused = syncAccount(stack.deps, stack.accountId);
    await expect(refused).rejects.toBeInstanceOf(ConnectorCredentialsError);
    await expect(refused).rejects.toThrow(
      /the YouTube API key was refused .*create a new one in the Google Cloud console/,
    );
    await stack.close();
    await fake.close();
    await open({ seed: 1, videos: 2 }, 'UCnosuchchannel000000000');
    await expect(syncAccount(stack.deps, stack.accountId)).rejects.toThrow(ConnectorConfigError);
  });
});
