import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '@verbatim/core';
import { deletedTweetsJs, writeXArchive, type ArchiveTweet } from '@verbatim/connectors/testing';
import { importExport } from './import-export';
import { storeExportUpload } from './store-export-upload';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

const ACCOUNT = { accountId: '9001', username: 'TownOfExample', accountDisplayName: 'Town of Example' };
const PHOTO = Buffer.from('a small photo');
const VIDEO = Buffer.from('a small video');

/** The archive X gave the town in March: a post with a photo, its reply, a retweet, a thrice-written post, a broken element. */
const MARCH: ArchiveTweet[] = [
  {
    id: '300',
    text: 'Road closure on Main St &amp; Elm',
    createdAt: '2026-03-01T10:00:00.000Z',
    media: [{ name: 'main.jpg', bytes: PHOTO }],
  },
  { id: '301', text: 'Detour via Oak Ave', createdAt: '2026-03-01T10:05:00.000Z', replyTo: '300' },
  { id: '302', text: 'RT @stateDOT: bridge inspections next week', createdAt: '2026-03-02T08:00:00.000Z' },
  // Newest first, as X writes it: the last edit, the first edit, then the original.
  {
    id: '312',
    text: 'Town meeting Tuesday at 7 pm (room 2)',
    createdAt: '2026-03-03T09:20:00.000Z',
    editChain: ['310', '311', '312'],
  },
  {
    id: '311',
    text: 'Town meeting Tuesday at 7 pm',
    createdAt: '2026-03-03T09:10:00.000Z',
    editChain: ['310', '311', '312'],
  },
  {
    id: '310',
    text: 'Town meeting Tuesday at 6 pm',
    createdAt: '2026-03-03T09:00:00.000Z',
    editChain: ['310', '311', '312'],
  },
  {
    id: '320',
    text: 'Watch the ribbon cutting',
    createdAt: '2026-03-04T12:00:00.000Z',
    media: [{ name: 'ribbon.mp4', bytes: VIDEO }],
  },
  { id: 'x', text: '', createdAt: '', rawElement: { tweet: { id_str: '330', full_text: 'no date' } } },
];

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

async function archive(name: string, tweets: ArchiveTweet[], extra?: Record<string, string | Buffer>): Promise<string> {
  const file = path.join(stack.dir, name);
  await writeXArchive(file, ACCOUNT, tweets, extra);
  return file;
}

async function recordOf(platformId: string) {
  const record = await stack.catalog.getRecordByPlatformId(stack.accountId, platformId);
  if (!record) throw new Error(`no record of ${platformId}`);
  return record;
}

describe('importing an X archive', () => {
  it('archives the export raw and turns its tweets into records, an edited tweet into one record with its versions', async () => {
    const file = await archive('twitter-2026-03-05.zip', MARCH);
    const { importId, report } = await stack.upload(file);

    expect(report).toEqual({
      format: 'x-archive',
      entries: 4,
      itemsFound: 6,
      created: 4,
      newVersions: 2,
      unchanged: 0,
      quarantined: 1,
      mediaFound: 2,
      mediaArchived: 2,
      tombstoned: 0,
      skipped: [{ reason: expect.stringMatching(/^retweets/), count: 1, examples: ['302'] }],
    });
    const stored = await stack.exportImports.getImport(importId);
    expect(stored).toMatchObject({ status: 'running', fileName: 'twitter-2026-03-05.zip', report });

    // The export, byte for byte, under its SHA-256, recorded as a capture that names the import.
    const bytes = await readFile(file);
    const capture = await stack.catalog.getCapture(sha256Hex(bytes));
    expect(capture).toMatchObject({ source: 'import of x-archive: twitter-2026-03-05.zip', byteLength: bytes.length });
    expect(Buffer.from(await stack.objectStore.get(capture!.key)).equals(bytes)).toBe(true);

    const post = await recordOf('300');
    expect(post).toMatchObject({
      kind: 'post',
      text: 'Road closure on Main St & Elm',
      author: { id: '9001', name: 'Town of Example', handle: 'TownOfExample' },
      url: 'https://x.com/TownOfExample/status/300',
      postedAt: '2026-03-01T10:00:00.000Z',
      platform: 'x',
    });
    expect(post.attachments).toEqual([
      expect.objectContaining({ kind: 'image', sha256: sha256Hex(PHOTO), mediaType: 'image/jpeg' }),
    ]);
    expect(Buffer.from(await stack.objectStore.get(post.attachments[0].archiveKey!)).equals(PHOTO)).toBe(true);
    expect((await recordOf('320')).attachments).toEqual([
      expect.objectContaining({
        kind: 'video',
        sha256: sha256Hex(VIDEO),
        sourceUrl: expect.stringContaining('ribbon.mp4'),
      }),
    ]);
    expect(await recordOf('301')).toMatchObject({ kind: 'reply', parentPlatformId: '300' });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '302')).toBeNull();

    const edited = await recordOf('310');
    expect(edited).toMatchObject({ status: 'edited', versionCount: 3, text: 'Town meeting Tuesday at 7 pm (room 2)' });
    const versions = await stack.catalog.listVersions(edited.id);
    expect(versions.map((version) => [version.text, version.editedAt])).toEqual([
      ['Town meeting Tuesday at 6 pm', undefined],
      ['Town meeting Tuesday at 7 pm', '2026-03-03T09:10:00.000Z'],
      ['Town meeting Tuesday at 7 pm (room 2)', '2026-03-03T09:20:00.000Z'],
    ]);
    expect(versions.every((version) => version.rawCaptureSha256 === capture!.sha256)).toBe(true);
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '311')).toBeNull();

    const [quarantined] = await stack.catalog.listQuarantine(stack.accountId);
    expect(quarantined).toMatchObject({ rawCaptureSha256: capture!.sha256, itemIndex: 7 });
    expect(quarantined.reason).toMatch(/^data\/tweets\.js element 7: created_at/);

    const found = await stack.searchIndex.search({ q: 'room 2' });
    expect(found.hits.map((hit) => hit.id)).toEqual([edited.id]);
  });

  it('changes nothing when the same export is imported again', async () => {
    const file = await archive('twitter.zip', MARCH);
    await stack.upload(file);
    const before = await stack.catalog.countRecords();
    const { report } = await stack.upload(file, 'twitter-again.zip');
    expect(report).toMatchObject({ itemsFound: 6, created: 0, newVersions: 0, unchanged: 6, quarantined: 0 });
    expect(report.mediaArchived).toBe(0);
    expect(await stack.catalog.countRecords()).toBe(before);
    expect((await recordOf('310')).versionCount).toBe(3);
    expect(await stack.catalog.listQuarantine(stack.accountId)).toHaveLength(1);
    expect(await stack.exportImports.listImports(stack.accountId, 10)).toHaveLength(2);
  });

  it('adds only what is new from a newer overlapping export, and its edits as versions', async () => {
    await stack.upload(await archive('march.zip', MARCH.slice(0, 2)));
    const april: ArchiveTweet[] = [
      { id: '401', text: 'Leaf pickup starts Monday', createdAt: '2026-04-01T09:00:00.000Z' },
      {
        id: '402',
        text: 'Detour via Oak Ave and Pine St',
        createdAt: '2026-04-01T10:00:00.000Z',
        editChain: ['301', '402'],
      },
      {
        id: '301',
        text: 'Detour via Oak Ave',
        createdAt: '2026-03-01T10:05:00.000Z',
        replyTo: '300',
        editChain: ['301', '402'],
      },
      ...MARCH.slice(0, 1),
    ];
    const { report } = await stack.upload(await archive('april.zip', april));
    expect(report).toMatchObject({ itemsFound: 4, created: 1, newVersions: 1, unchanged: 2 });
    const reply = await recordOf('301');
    expect(reply).toMatchObject({ versionCount: 2, text: 'Detour via Oak Ave and Pine St', status: 'edited' });
    expect(await stack.catalog.countRecords()).toBe(3);
  });

  it('keeps the tweets the archive lists as deleted, tombstoned with their deletion time, once', async () => {
    await stack.upload(await archive('march.zip', MARCH.slice(0, 2)));
    const deleted = deletedTweetsJs([
      // Archived before from the March export, deleted since.
      { ...MARCH[1], deletedAt: '2026-03-20T08:00:00.000Z' },
      // Never seen: posted and deleted between the exports, its photo in deleted_tweets_media.
      {
        id: '350',
        text: 'Wrong date for the budget hearing',
        createdAt: '2026-03-10T09:00:00.000Z',
        deletedAt: '2026-03-10T09:30:00.000Z',
        media: [{ name: 'flyer.jpg', bytes: PHOTO }],
      },
    ]);
    const april = await archive('april.zip', MARCH.slice(0, 1), {
      'data/deleted-tweets.js': deleted,
      'data/deleted_tweets_media/350-flyer.jpg': PHOTO,
    });
    const { report } = await stack.upload(april);
    expect(report).toMatchObject({ itemsFound: 3, created: 1, unchanged: 2, tombstoned: 2, quarantined: 0 });
    expect(report.skipped).toEqual([]);

    const detour = await recordOf('301');
    expect(detour).toMatchObject({ status: 'deleted', text: 'Detour via Oak Ave', versionCount: 1 });
    expect(await stack.catalog.getTombstone(detour.id)).toMatchObject({ detectedAt: '2026-03-20T08:00:00.000Z' });
    const hearing = await recordOf('350');
    expect(hearing).toMatchObject({ status: 'deleted', text: 'Wrong date for the budget hearing' });
    expect(hearing.attachments[0]).toMatchObject({ sha256: sha256Hex(PHOTO) });
    expect(await stack.catalog.getTombstone(hearing.id)).toMatchObject({ detectedAt: '2026-03-10T09:30:00.000Z' });
    expect((await recordOf('300')).status).toBe('live');
    const found = await stack.searchIndex.search({ q: 'budget hearing', filters: { status: ['deleted'] } });
    expect(found.hits.map((hit) => hit.id)).toEqual([hearing.id]);

    const again = await stack.upload(april, 'april-again.zip');
    expect(again.report).toMatchObject({ created: 0, newVersions: 0, unchanged: 3, tombstoned: 0 });
    expect(await recordOf('301')).toMatchObject({ status: 'deleted' });
    expect(await stack.catalog.getTombstone(detour.id)).toMatchObject({ detectedAt: '2026-03-20T08:00:00.000Z' });
  });

  it('fails an export it cannot read, keeping the file archived and saying which formats it reads', async () => {
    // A ZIP with no tweets.js: an empty archive's end record.
    const zipWithoutTweets = path.join(stack.dir, 'other.zip');
    await writeFile(zipWithoutTweets, Buffer.from(`PK\u0005\u0006${'\u0000'.repeat(18)}`, 'latin1'));
    const stored = await storeExportUpload(stack.deps, {
      accountId: stack.accountId,
      fileName: 'other.zip',
      body: createReadStream(zipWithoutTweets),
      requestedBy: 'tok_test',
    });
    await expect(importExport(stack.deps, stored.id)).rejects.toThrow(/no export format Verbatim reads/);
    expect(await stack.catalog.getCapture(stored.sha256)).toMatchObject({
      source: 'import of an unrecognized export: other.zip',
    });
  });
});
