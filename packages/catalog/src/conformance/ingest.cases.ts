import { recordIdFor } from '@verbatim/core';
import { createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** applyPage: creating, versioning, hiding, idempotence, quarantine. */
export function describeIngestCases(harness: () => CatalogHarness): void {
  it('creates records with version 1 from the capture, and returns their documents', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const post = makeItem('p1');
    const reply = makeItem('c1', {
      kind: 'comment',
      parentPlatformId: 'p1',
      threadRootPlatformId: 'p1',
      hidden: true,
      author: { name: 'Resident' },
      url: undefined,
    });
    const page = makePage(account.id, 'page-1', [post, reply], { capturedAt: T.pass1 });
    const applied = await catalog.applyPage(page);
    expect(applied).toMatchObject({ created: 2, newVersions: 0, unchanged: 0, quarantined: 0 });
    const id = recordIdFor(account.id, 'p1');
    expect(await catalog.getRecord(id)).toEqual({
      id,
      accountId: account.id,
      agencyId: account.agencyId,
      platform: 'mock',
      kind: 'post',
      platformId: 'p1',
      author: post.author,
      text: post.text,
      url: post.url,
      postedAt: post.postedAt,
      firstCapturedAt: T.pass1,
      lastSeenAt: T.pass1,
      status: 'live',
      attachments: [],
      versionCount: 1,
      contentHash: post.contentHash,
    });
    const hidden = await catalog.getRecordByPlatformId(account.id, 'c1');
    expect(hidden).toMatchObject({
      status: 'hidden',
      hiddenAt: T.pass1,
      parentPlatformId: 'p1',
      author: { name: 'Resident' },
    });
    expect(hidden).not.toHaveProperty('url');
    expect(await catalog.listVersions(id)).toEqual([
      {
        recordId: id,
        version: 1,
        text: post.text,
        attachments: [],
        author: post.author,
        contentHash: post.contentHash,
        capturedAt: T.pass1,
        rawCaptureSha256: page.capture.sha256,
        rawCaptureKey: page.capture.key,
      },
    ]);
    expect(await catalog.getCapture(page.capture.sha256)).toEqual(page.capture);
    expect(applied.changed.map((document) => document.id).sort()).toEqual([id, hidden!.id].sort());
    expect(applied.changed.find((document) => document.id === id)).toEqual({
      id,
      accountId: account.id,
      agencyId: account.agencyId,
      platform: 'mock',
      kind: 'post',
      status: 'live',
      authorName: 'Town Clerk',
      text: post.text,
      priorText: '',
      postedAt: post.postedAt,
      hasAttachments: false,
      revision: 1,
    });
  });

  it('applying the same page twice changes nothing the second time', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const page = makePage(account.id, 'page-1', [makeItem('a'), makeItem('b')], {
      rejected: [{ itemIndex: 2, reason: 'no id' }],
    });
    await catalog.applyPage(page);
    const before = {
      records: await catalog.getRecords([recordIdFor(account.id, 'a'), recordIdFor(account.id, 'b')]),
      versions: await catalog.listVersions(recordIdFor(account.id, 'a')),
      quarantine: await catalog.listQuarantine(),
    };
    const again = await catalog.applyPage(page);
    expect(again).toEqual({ created: 0, newVersions: 0, unchanged: 2, quarantined: 0, changed: [] });
    expect(await catalog.countRecords()).toBe(2);
    expect(await catalog.getRecords([recordIdFor(account.id, 'a'), recordIdFor(account.id, 'b')])).toEqual(
      before.records,
    );
    expect(await catalog.listVersions(recordIdFor(account.id, 'a'))).toEqual(before.versions);
    expect(await catalog.listQuarantine()).toEqual(before.quarantine);
  });

  it('an edit adds version 2; version 1 keeps the old text, which stays searchable as prior text', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'v1', [makeItem('a', { text: 'meeting on tuesday' })]));
    const edited = makeItem('a', { text: 'meeting on wednesday', editedAt: '2024-03-01T12:00:00.000Z' });
    const page = makePage(account.id, 'v2', [edited], { capturedAt: T.pass2, passNumber: 2 });
    const applied = await catalog.applyPage(page);
    expect(applied).toMatchObject({ created: 0, newVersions: 1, unchanged: 0 });
    expect(applied.changed).toEqual([
      expect.objectContaining({ status: 'edited', text: 'meeting on wednesday', priorText: 'meeting on tuesday' }),
    ]);
    const record = (await catalog.getRecordByPlatformId(account.id, 'a'))!;
    expect(record).toMatchObject({
      status: 'edited',
      versionCount: 2,
      text: 'meeting on wednesday',
      contentHash: edited.contentHash,
      editedAt: edited.editedAt,
      firstCapturedAt: T.pass1,
      lastSeenAt: T.pass2,
    });
    const versions = await catalog.listVersions(record.id);
    expect(versions.map((version) => [version.version, version.text])).toEqual([
      [1, 'meeting on tuesday'],
      [2, 'meeting on wednesday'],
    ]);
    expect(versions[1]).toMatchObject({
      capturedAt: T.pass2,
      rawCaptureSha256: page.capture.sha256,
      editedAt: edited.editedAt,
    });
    await catalog.applyPage(
      makePage(account.id, 'v3', [makeItem('a', { text: 'meeting cancelled' })], { passNumber: 3 }),
    );
    const [document] = await catalog.listSearchDocuments(null, 10);
    expect(document.priorText).toContain('meeting on tuesday');
    expect(document.priorText).toContain('meeting on wednesday');
  });

  it('each version keeps the editor who made it; the record keeps its first author', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const creator = { id: '7', name: 'Clerk Ann', handle: 'Clerk Ann' };
    const editor = { id: '9', name: 'Planner Bo' };
    const anonymous = { name: '192.0.2.4' };
    await catalog.applyPage(
      makePage(account.id, 'e1', [
        makeItem('page-1', { text: 'Budget 2025', author: creator }),
        makeItem('page-1', { text: 'Budget 2025, amended', author: editor, editedAt: '2024-03-02T10:00:00.000Z' }),
      ]),
    );
    await catalog.applyPage(
      makePage(account.id, 'e2', [makeItem('page-1', { text: 'Budget 2025, final', author: anonymous })], {
        capturedAt: T.pass2,
        passNumber: 2,
      }),
    );
    const record = (await catalog.getRecordByPlatformId(account.id, 'page-1'))!;
    expect(record).toMatchObject({ author: creator, versionCount: 3, text: 'Budget 2025, final' });
    const versions = await catalog.listVersions(record.id);
    expect(versions.map((version) => [version.version, version.author])).toEqual([
      [1, creator],
      [2, editor],
      [3, anonymous],
    ]);
    expect(versions[1].editedAt).toBe('2024-03-02T10:00:00.000Z');
  });

  it('hiding and unhiding change the status, never the versions', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    const hidden = await catalog.applyPage(
      makePage(account.id, 'p2', [makeItem('a', { hidden: true })], { capturedAt: T.pass2 }),
    );
    expect(hidden).toMatchObject({ newVersions: 0, unchanged: 1 });
    expect(hidden.changed).toEqual([expect.objectContaining({ status: 'hidden' })]);
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).toMatchObject({
      status: 'hidden',
      hiddenAt: T.pass2,
      versionCount: 1,
    });
    await catalog.applyPage(makePage(account.id, 'p3', [makeItem('a', { hidden: true })], { capturedAt: T.pass3 }));
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).toMatchObject({ hiddenAt: T.pass2 });
    const shown = await catalog.applyPage(makePage(account.id, 'p4', [makeItem('a')], { capturedAt: T.pass4 }));
    expect(shown.changed).toEqual([expect.objectContaining({ status: 'live' })]);
    const record = (await catalog.getRecordByPlatformId(account.id, 'a'))!;
    expect(record.status).toBe('live');
    expect(record).not.toHaveProperty('hiddenAt');
    expect(await catalog.listVersions(record.id)).toHaveLength(1);
  });

  it('an edited record that is hidden is hidden, and edited again once shown', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await catalog.applyPage(makePage(account.id, 'p2', [makeItem('a', { text: 'changed', hidden: true })]));
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).toMatchObject({ status: 'hidden', versionCount: 2 });
    await catalog.applyPage(makePage(account.id, 'p3', [makeItem('a', { text: 'changed' })]));
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).toMatchObject({ status: 'edited', versionCount: 2 });
  });

  it('handles an item repeated within one page as one record', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const applied = await catalog.applyPage(
      makePage(account.id, 'p1', [
        makeItem('a'),
        makeItem('a', { text: 'second look' }),
        makeItem('a', { text: 'second look' }),
      ]),
    );
    expect(applied).toMatchObject({ created: 1, newVersions: 1, unchanged: 1 });
    expect(await catalog.countRecords()).toBe(1);
    expect((await catalog.listVersions(recordIdFor(account.id, 'a'))).map((version) => version.text)).toEqual([
      'text of a',
      'second look',
    ]);
  });

  it('quarantines rejected payloads against their capture, once', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const page = makePage(account.id, 'bad', [makeItem('a')], {
      rejected: [
        { itemIndex: 1, reason: 'missing id' },
        { itemIndex: null, reason: 'truncated body' },
      ],
    });
    expect((await catalog.applyPage(page)).quarantined).toBe(2);
    expect((await catalog.applyPage(page)).quarantined).toBe(0);
    const entries = await catalog.listQuarantine(account.id);
    expect(entries).toEqual([
      expect.objectContaining({
        accountId: account.id,
        rawCaptureSha256: page.capture.sha256,
        rawCaptureKey: page.capture.key,
        itemIndex: 1,
        reason: 'missing id',
        quarantinedAt: T.pass1,
      }),
      expect.objectContaining({ itemIndex: null, reason: 'truncated body' }),
    ]);
    expect(entries[0].id).toMatch(/^qua_/);
    expect(await catalog.listQuarantine()).toEqual(entries);
    expect(await catalog.listQuarantine('acc_other')).toEqual([]);
    expect(await catalog.getCapture(page.capture.sha256)).not.toBeNull();
  });

  it('stores a capture once, by its hash', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const first = makePage(account.id, 'same-bytes', [makeItem('a')], { capturedAt: T.pass1 });
    await catalog.applyPage(first);
    await catalog.applyPage(makePage(account.id, 'same-bytes', [makeItem('a')], { capturedAt: T.pass2 }));
    expect(await catalog.getCapture(first.capture.sha256)).toEqual(first.capture);
    expect(await catalog.getCapture('0'.repeat(64))).toBeNull();
  });
}
