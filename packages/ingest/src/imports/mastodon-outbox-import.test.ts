import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '@verbatim/core';
import {
  announceActivity,
  createActivity,
  outboxJson,
  writeMastodonArchive,
  type OutboxStatus,
} from '@verbatim/connectors/testing';
import { openImportStack, type ImportStack } from './import-stack.test-fixture';

const IMAGE = Buffer.from('a plow on Main St');
const STATUSES: OutboxStatus[] = [
  {
    id: '1001',
    html: '<p>Snow emergency: <a href="https://town.example/snow"><span>town.example/snow</span></a></p>',
    published: '2026-01-05T18:00:00Z',
    media: [{ name: '109/001/original/plow.png', bytes: IMAGE, mediaType: 'image/png' }],
  },
  {
    id: '1002',
    html: '<p>Lots A and B are open</p>',
    published: '2026-01-05T18:10:00Z',
    inReplyTo: '1001',
    updated: '2026-01-05T18:30:00Z',
  },
  { id: '1003', html: '<p>details inside</p>', summary: 'Budget', published: '2026-01-06T09:00:00Z' },
];

let stack: ImportStack;
beforeEach(async () => {
  stack = await openImportStack();
});
afterEach(() => stack.close());

describe('importing a Mastodon archive', () => {
  it('turns its outbox into records with the instance ids, archives the media, and skips boosts', async () => {
    const file = path.join(stack.dir, 'archive-20260107.zip');
    const activities = [
      ...STATUSES.map(createActivity),
      announceActivity('1004', '2026-01-06T10:00:00Z'),
      { type: 'Create', object: { id: 'x' } },
    ];
    await writeMastodonArchive(file, activities, STATUSES);
    const { report } = await stack.upload(file);
    expect(report).toMatchObject({
      format: 'mastodon-outbox',
      itemsFound: 3,
      created: 3,
      quarantined: 1,
      mediaFound: 1,
      mediaArchived: 1,
      skipped: [{ reason: expect.stringMatching(/^boosts/), count: 1 }],
    });
    const post = await stack.catalog.getRecordByPlatformId(stack.accountId, '1001');
    expect(post).toMatchObject({
      kind: 'post',
      text: 'Snow emergency: town.example/snow',
      author: { name: 'Town of X', handle: 'townofx' },
      url: 'https://gov.social/@townofx/1001',
      postedAt: '2026-01-05T18:00:00.000Z',
    });
    expect(post!.attachments).toEqual([
      expect.objectContaining({ kind: 'image', sha256: sha256Hex(IMAGE), mediaType: 'image/png' }),
    ]);
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '1002')).toMatchObject({
      kind: 'reply',
      parentPlatformId: '1001',
      editedAt: '2026-01-05T18:30:00.000Z',
    });
    expect((await stack.catalog.getRecordByPlatformId(stack.accountId, '1003'))?.text).toBe('Budget\n\ndetails inside');
    const [quarantined] = await stack.catalog.listQuarantine(stack.accountId);
    expect(quarantined.reason).toMatch(/^outbox\.json item 4: object\./);
  });

  it('reads an outbox.json uploaded alone, and a later outbox with an edit adds one version', async () => {
    const lone = path.join(stack.dir, 'outbox.json');
    await writeFile(lone, outboxJson(STATUSES.map(createActivity)));
    expect((await stack.upload(lone)).report).toMatchObject({ format: 'mastodon-outbox', entries: 1, created: 3 });
    const edited = STATUSES.map((status) =>
      status.id === '1003' ? { ...status, html: '<p>details inside, corrected</p>' } : status,
    );
    await writeFile(lone, outboxJson(edited.map(createActivity)));
    expect((await stack.upload(lone)).report).toMatchObject({ created: 0, newVersions: 1, unchanged: 2 });
    expect(await stack.catalog.getRecordByPlatformId(stack.accountId, '1003')).toMatchObject({
      versionCount: 2,
      status: 'edited',
    });
  });
});
