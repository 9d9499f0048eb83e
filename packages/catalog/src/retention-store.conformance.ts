import type { FoiaStore } from '@verbatim/foia';
import { archivedAttachment, createAccount, makeItem, makePage } from './conformance/fixtures';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = '2026-04-01T09:00:00.000Z';
const LATER = '2026-04-02T09:00:00.000Z';
const IT = { by: 'usr_it', at: AT };
const ATTORNEY = { by: 'usr_attorney', at: LATER };
const POSTED_OLD = '2020-01-01T09:00:00.000Z';
const POSTED_NEW = '2026-03-01T09:00:00.000Z';

async function logRequest(foiaStore: FoiaStore): Promise<string> {
  const { request } = await foiaStore.logRequest(
    {
      requester: { name: 'Sam Ortiz' },
      receivedAt: '2026-03-30T09:00:00-04:00',
      channel: 'email',
      description: 'Posts about the beach',
      recordsCategory: 'general',
      year: 2026,
      createdBy: 'usr_officer',
      createdAt: AT,
    },
    () => [],
  );
  return request.id;
}

/** An account with an old post (sharing a capture with an old comment), a new post, and an old post with media. */
async function seed(harness: StoresHarness) {
  const account = await createAccount(harness.accounts);
  const media = archivedAttachment('https://cdn.example.test/beach.png');
  await harness.catalog.applyPage(
    makePage(account.id, 'page-1', [
      makeItem('old-post', { postedAt: POSTED_OLD }),
      makeItem('old-comment', { postedAt: POSTED_OLD, kind: 'comment', parentPlatformId: 'old-post' }),
      makeItem('new-post', { postedAt: POSTED_NEW }),
    ]),
  );
  await harness.catalog.applyPage(
    makePage(account.id, 'page-2', [makeItem('old-media', { postedAt: POSTED_OLD, attachments: [media] })]),
  );
  const id = async (platformId: string) => (await harness.catalog.getRecordByPlatformId(account.id, platformId))!.id;
  return {
    account,
    media,
    oldPost: await id('old-post'),
    oldComment: await id('old-comment'),
    newPost: await id('new-post'),
    oldMedia: await id('old-media'),
  };
}

const candidateIds = async (harness: StoresHarness, asOf = LATER) =>
  (await harness.retention.listDispositionCandidates(asOf, 100)).map((candidate) => candidate.recordId).sort();

/**
 * The RetentionStore contract: longest rule wins (permanent never disposes), holds block, disposition leaves a
 * tombstone with the hashes and empties the record, and the storage refuses any other change to a version.
 * The SQLite and PostgreSQL adapters run this same suite inside a `describe.each` over harness factories.
 */
export function describeRetentionStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('adds, lists and retires rules; refuses an unknown agency or account', async () => {
    const { account } = await seed(harness);
    const rule = await harness.retention.addRule(
      { accountId: account.id, kind: 'post', retention: { days: 730 }, citation: 'M1 item 100, 2 years' },
      IT,
    );
    expect(rule).toMatchObject({ accountId: account.id, agencyId: null, kind: 'post', retention: { days: 730 } });
    expect(
      await harness.retention.addRule({ agencyId: 'agy_nope', retention: 'permanent', citation: 'x y z' }, IT),
    ).toBeNull();
    const retired = await harness.retention.retireRule(rule!.id, ATTORNEY);
    expect(retired).toMatchObject({ retiredBy: 'usr_attorney', retiredAt: LATER });
    expect(await harness.retention.retireRule(rule!.id, IT)).toMatchObject({ retiredBy: 'usr_attorney' });
    expect(await harness.retention.listRules()).toHaveLength(1);
    await expect(harness.execute(`DELETE FROM retention_rules WHERE id = '${rule!.id}'`)).rejects.toMatchObject({
      message: expect.stringMatching(/retired, never deleted/) as string,
    });
  });

  it('lists records past the longest matching rule; a permanent rule keeps them', async () => {
    const seeded = await seed(harness);
    expect(await candidateIds(harness)).toEqual([]);
    const short = await harness.retention.addRule({ retention: { days: 365 }, citation: 'M1 item 100' }, IT);
    expect(await candidateIds(harness)).toEqual([seeded.oldPost, seeded.oldComment, seeded.oldMedia].sort());
    const [candidate] = await harness.retention.listDispositionCandidates(LATER, 1);
    expect(candidate).toMatchObject({
      ruleId: short!.id,
      postedAt: POSTED_OLD,
      retentionEndedAt: '2020-12-31T09:00:00.000Z',
    });
    await harness.retention.addRule({ kind: 'comment', retention: 'permanent', citation: 'M1 item 101' }, IT);
    expect(await candidateIds(harness)).toEqual([seeded.oldPost, seeded.oldMedia].sort());
    const longer = await harness.retention.addRule(
      { accountId: seeded.account.id, kind: 'post', retention: { days: 3650 }, citation: 'M1 item 102' },
      IT,
    );
    expect(await candidateIds(harness)).toEqual([]);
    await harness.retention.retireRule(longer!.id, IT);
    expect(await harness.retention.listDispositionCandidates(LATER, 10, [short!.id])).toHaveLength(2);
  });

  it('an account hold blocks disposition until released, and keeps who placed and released it', async () => {
    const seeded = await seed(harness);
    await harness.retention.addRule({ retention: { days: 365 }, citation: 'M1 item 100' }, IT);
    const hold = await harness.retention.placeHold(
      { scope: 'account', accountId: seeded.account.id, reason: 'Smith v. Town, pending' },
      IT,
    );
    expect(hold).toMatchObject({ scope: 'account', automatic: false, placedBy: 'usr_it', releasedAt: null });
    expect(await candidateIds(harness)).toEqual([]);
    expect(
      await harness.retention.placeHold({ scope: 'account', accountId: 'acc_nope', reason: 'xyz' }, IT),
    ).toBeNull();
    const released = await harness.retention.releaseHold(hold!.id, 'case settled', ATTORNEY);
    expect(released).toMatchObject({ releasedBy: 'usr_attorney', releasedAt: LATER, releaseNote: 'case settled' });
    expect(await candidateIds(harness)).toHaveLength(3);
    expect(await harness.retention.releaseHold(hold!.id, 'again', IT)).toMatchObject({ releaseNote: 'case settled' });
  });

  it('an open FOIA request holds what it gathered automatically; closing it releases the hold', async () => {
    const seeded = await seed(harness);
    await harness.retention.addRule({ retention: { days: 365 }, citation: 'M1 item 100' }, IT);
    const requestId = await logRequest(harness.foiaStore);
    const { savedSearch } = await harness.foiaStore.addItems(
      requestId,
      [{ recordId: seeded.oldPost, source: 'search' }],
      { addedBy: 'usr_officer', at: AT, savedSearch: { query: { q: 'beach' }, matched: 1 } },
    );
    expect(await candidateIds(harness)).toEqual([seeded.oldComment, seeded.oldMedia].sort());
    const [automatic] = (await harness.retention.listHolds()).filter((hold) => hold.automatic);
    expect(automatic).toMatchObject({ id: `foia-${requestId}`, scope: 'foia-request', requestId, releasedAt: null });
    expect(automatic.reason).toMatch(/gathered 1 record$/);
    expect(await harness.retention.releaseHold(automatic.id, 'not by hand', IT)).toBeNull();
    expect(
      await harness.retention.placeHold(
        { scope: 'saved-search', savedSearchId: savedSearch!.id, reason: 'the same' },
        IT,
      ),
    ).toMatchObject({ scope: 'saved-search', savedSearchId: savedSearch!.id, requestId });

    await harness.foiaStore.transitionRequest(requestId, {
      from: 'received',
      to: 'withdrawn',
      actor: 'usr_officer',
      at: LATER,
    });
    expect(await candidateIds(harness)).toHaveLength(3);
    const closed = (await harness.retention.listHolds()).find((hold) => hold.automatic);
    expect(closed).toMatchObject({
      releasedBy: 'usr_officer',
      releasedAt: LATER,
      releaseNote: 'the request was withdrawn',
    });
  });

  it('disposes: a tombstone with hashes, the record emptied and re-queued, captures and media freed only when unused', async () => {
    const seeded = await seed(harness);
    const rule = await harness.retention.addRule(
      { kind: 'post', retention: { days: 365 }, citation: 'M1 item 100' },
      IT,
    );
    const versionsBefore = await harness.catalog.listVersions(seeded.oldMedia);
    await harness.catalog.clearIndexBacklog(
      (await harness.catalog.listIndexBacklog(100)).map(({ id, revision }) => ({ id, revision })),
    );
    const disposition = await harness.retention.createDisposition({ note: 'schedule M1', ruleIds: null }, ATTORNEY);
    const batch = await harness.retention.disposeRecords(
      disposition.id,
      [seeded.oldPost, seeded.oldMedia, seeded.newPost],
      LATER,
    );

    expect(batch.disposed.map((record) => record.recordId).sort()).toEqual([seeded.oldPost, seeded.oldMedia].sort());
    const tombstone = await harness.retention.getDisposedRecord(seeded.oldMedia);
    expect(tombstone).toMatchObject({
      dispositionId: disposition.id,
      approvedBy: 'usr_attorney',
      ruleId: rule!.id,
      citation: 'M1 item 100',
      disposedAt: LATER,
      contentHashes: versionsBefore.map((version) => version.contentHash),
      rawCaptureSha256: [versionsBefore[0].rawCaptureSha256],
      mediaSha256: [seeded.media.sha256],
    });
    expect(await harness.catalog.getRecord(seeded.oldMedia)).toMatchObject({ text: '', attachments: [] });
    expect((await harness.catalog.listVersions(seeded.oldMedia))[0]).toMatchObject({
      text: '',
      attachments: [],
      author: { name: '' },
      contentHash: versionsBefore[0].contentHash,
    });
    const queued = await harness.catalog.listIndexBacklog(10);
    expect(queued.map((document) => [document.id, document.text]).sort()).toEqual(
      [
        [seeded.oldMedia, ''],
        [seeded.oldPost, ''],
      ].sort(),
    );

    // page-1 still carries the kept comment and new post; page-2 and the media were only the disposed post's.
    const page2 = versionsBefore[0].rawCaptureKey;
    const page1 = (await harness.catalog.listVersions(seeded.oldPost))[0].rawCaptureKey;
    expect((await harness.retention.unusedObjects(batch.objectKeys)).sort()).toEqual(
      [page2, seeded.media.archiveKey!].sort(),
    );
    expect(batch.objectKeys).toContain(page1);

    await harness.retention.recordObjectOutcome({
      key: page2,
      dispositionId: disposition.id,
      deletedAt: LATER,
      lockedUntil: null,
    });
    await harness.retention.recordObjectOutcome({
      key: seeded.media.archiveKey!,
      dispositionId: disposition.id,
      deletedAt: null,
      lockedUntil: '2027-01-01T00:00:00.000Z',
    });
    expect(await harness.retention.listWaitingObjects()).toEqual([
      {
        key: seeded.media.archiveKey,
        dispositionId: disposition.id,
        deletedAt: null,
        lockedUntil: '2027-01-01T00:00:00.000Z',
      },
    ]);
    expect(await harness.retention.getDisposedObject(page2)).toEqual({
      key: page2,
      dispositionId: disposition.id,
      deletedAt: LATER,
      lockedUntil: null,
    });
    expect(await harness.retention.getDisposedObject(seeded.media.archiveKey!)).toMatchObject({
      deletedAt: null,
      lockedUntil: '2027-01-01T00:00:00.000Z',
    });
    expect(await harness.retention.getDisposedObject(page1)).toBeNull();
    expect(await harness.retention.completeDisposition(disposition.id, 2, LATER)).toMatchObject({
      recordsDisposed: 2,
      completedAt: LATER,
    });
    expect(await harness.retention.listDisposedRecords(disposition.id)).toHaveLength(2);
    expect(await candidateIds(harness)).toEqual([]);
  });

  it('refuses any change to a version but disposition, and any change to a tombstone or an approval', async () => {
    const seeded = await seed(harness);
    await harness.retention.addRule({ retention: { days: 365 }, citation: 'M1 item 100' }, IT);
    // Matched by message: better-sqlite3's errors come from the first jest realm that loaded it, not instanceof Error.
    const refused = { message: expect.stringMatching(/immutable|append-only|never changes/) as string };
    await expect(harness.execute(`UPDATE record_versions SET text = ''`)).rejects.toMatchObject(refused);
    const disposition = await harness.retention.createDisposition({ note: 'ok', ruleIds: null }, ATTORNEY);
    await harness.retention.disposeRecords(disposition.id, [seeded.oldPost], LATER);
    await expect(harness.execute(`UPDATE record_versions SET text = 'back'`)).rejects.toMatchObject(refused);
    await expect(harness.execute(`UPDATE record_versions SET content_hash = 'x'`)).rejects.toMatchObject(refused);
    await expect(harness.execute('DELETE FROM record_versions')).rejects.toMatchObject(refused);
    await expect(harness.execute('DELETE FROM disposed_records')).rejects.toMatchObject(refused);
    await expect(harness.execute(`UPDATE dispositions SET approved_by = 'someone'`)).rejects.toMatchObject(refused);
  });
}
