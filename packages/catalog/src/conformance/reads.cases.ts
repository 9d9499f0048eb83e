import { recordIdFor, type SearchDocument } from '@verbatim/core';
import { archivedAttachment, createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** The index backlog, rebuild listing, record reads, media, and what storage refuses to rewrite. */
export function describeReadCases(harness: () => CatalogHarness): void {
  it('queues every created or changed record for indexing until confirmed', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
      ),
    );
    const queued = await catalog.listIndexBacklog(10);
    expect(queued.map((document) => document.id).sort()).toEqual(
      ['a', 'b', 'c'].map((id) => recordIdFor(account.id, id)).sort(),
    );
    expect(await catalog.listIndexBacklog(2)).toHaveLength(2);
    expect(queued.map((document) => document.revision)).toEqual([1, 1, 1]);
    await catalog.clearIndexBacklog(queued);
    expect(await catalog.listIndexBacklog(10)).toEqual([]);
    await catalog.applyPage(
      makePage(
        account.id,
        'p2',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
      ),
    );
    expect(await catalog.listIndexBacklog(10)).toEqual([]);
    await catalog.applyPage(
      makePage(account.id, 'p3', [makeItem('a', { text: 'new' }), makeItem('b', { hidden: true }), makeItem('c')]),
    );
    await catalog.markGone(account.id, [recordIdFor(account.id, 'c')], T.pass3);
    const requeued = await catalog.listIndexBacklog(10);
    expect(Object.fromEntries(requeued.map((document) => [document.id, document.status]))).toEqual({
      [recordIdFor(account.id, 'a')]: 'edited',
      [recordIdFor(account.id, 'b')]: 'hidden',
      [recordIdFor(account.id, 'c')]: 'deleted',
    });
    expect(requeued.map((document) => document.revision)).toEqual([2, 2, 2]);
    await catalog.clearIndexBacklog([
      { id: recordIdFor(account.id, 'a'), revision: 2 },
      { id: 'rec_missing', revision: 1 },
    ]);
    expect(await catalog.listIndexBacklog(10)).toHaveLength(2);
  });

  it('counts each indexed change in the revision, and clears only a record still at the indexed revision', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const id = recordIdFor(account.id, 'a');
    const created = await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    expect(created.changed.map((document) => document.revision)).toEqual([1]);
    // Unchanged: no new revision, nothing queued.
    await catalog.clearIndexBacklog(created.changed);
    const unchanged = await catalog.applyPage(makePage(account.id, 'p2', [makeItem('a')]));
    expect(unchanged.changed).toEqual([]);
    const edited = await catalog.applyPage(makePage(account.id, 'p3', [makeItem('a', { text: 'edited' })]));
    const hidden = await catalog.applyPage(
      makePage(account.id, 'p4', [makeItem('a', { text: 'edited', hidden: true })]),
    );
    expect([...edited.changed, ...hidden.changed].map((document) => document.revision)).toEqual([2, 3]);
    // The edit's document was read before the hide: confirming it leaves the hidden state queued.
    await catalog.clearIndexBacklog(edited.changed);
    expect((await catalog.listIndexBacklog(10)).map((document) => [document.status, document.revision])).toEqual([
      ['hidden', 3],
    ]);
    const [gone] = await catalog.markGone(account.id, [id], T.pass3);
    expect(gone.revision).toBe(4);
    await catalog.clearIndexBacklog(hidden.changed);
    expect((await catalog.listIndexBacklog(10)).map((document) => document.revision)).toEqual([4]);
    await catalog.clearIndexBacklog([gone]);
    expect(await catalog.listIndexBacklog(10)).toEqual([]);
    expect((await catalog.listSearchDocuments(null, 10)).map((document) => document.revision)).toEqual([4]);
  });

  it('lists every search document exactly once across pages, each equal to the one queued', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    for (let page = 0; page < 5; page += 1) {
      const items = Array.from({ length: 7 }, (_, index) => makeItem(`item-${page}-${index}`, { hidden: index === 3 }));
      await catalog.applyPage(makePage(page % 2 ? other.id : account.id, `page-${page}`, items));
    }
    const seen: SearchDocument[] = [];
    for (let afterId: string | null = null; ;) {
      const batch = await catalog.listSearchDocuments(afterId, 4);
      if (batch.length === 0) break;
      seen.push(...batch);
      afterId = batch[batch.length - 1].id;
    }
    expect(seen).toHaveLength(35);
    expect(new Set(seen.map((document) => document.id)).size).toBe(35);
    const queued = await catalog.listIndexBacklog(100);
    const byId = (documents: SearchDocument[]) => [...documents].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(seen)).toEqual(byId(queued));
  });

  it("samples random records' search documents, each as listed, none twice, never more than asked or than exist", async () => {
    const { catalog } = harness();
    expect(await catalog.sampleSearchDocuments(10)).toEqual([]);
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        Array.from({ length: 40 }, (_, index) => makeItem(`sample-${index}`)),
      ),
    );
    const listed = new Map((await catalog.listSearchDocuments(null, 100)).map((document) => [document.id, document]));
    const sample = await catalog.sampleSearchDocuments(15);
    expect(sample.length).toBeGreaterThan(5);
    expect(sample.length).toBeLessThanOrEqual(15);
    expect(new Set(sample.map((document) => document.id)).size).toBe(sample.length);
    for (const document of sample) expect(document).toEqual(listed.get(document.id));
    expect((await catalog.sampleSearchDocuments(500)).length).toBeLessThanOrEqual(40);
  });

  it('reads records by ids in the order asked, skipping unknown ids', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
      ),
    );
    const ids = ['c', 'a'].map((id) => recordIdFor(account.id, id));
    expect((await catalog.getRecords([ids[0], 'rec_missing', ids[1]])).map((record) => record.platformId)).toEqual([
      'c',
      'a',
    ]);
    expect(await catalog.getRecords([])).toEqual([]);
    expect(await catalog.getRecord('rec_missing')).toBeNull();
    expect(await catalog.getRecordByPlatformId(account.id, 'missing')).toBeNull();
    expect(await catalog.listVersions('rec_missing')).toEqual([]);
  });

  it('lists direct replies, oldest first', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const reply = (id: string, parent: string, postedAt: string) =>
      makeItem(id, { kind: 'comment', parentPlatformId: parent, threadRootPlatformId: 'post', postedAt });
    await catalog.applyPage(
      makePage(account.id, 'p1', [
        makeItem('post'),
        reply('late', 'post', '2024-02-03T00:00:00.000Z'),
        reply('early', 'post', '2024-02-02T00:00:00.000Z'),
        reply('nested', 'early', '2024-02-04T00:00:00.000Z'),
      ]),
    );
    expect((await catalog.listReplies(account.id, 'post')).map((record) => record.platformId)).toEqual([
      'early',
      'late',
    ]);
    expect((await catalog.listReplies(account.id, 'early')).map((record) => record.platformId)).toEqual(['nested']);
    expect(await catalog.listReplies(account.id, 'nested')).toEqual([]);
  });

  it('counts records by account and status', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a'), makeItem('b', { hidden: true })]));
    await catalog.applyPage(makePage(other.id, 'o1', [makeItem('a')]));
    expect(await catalog.countRecords()).toBe(3);
    expect(await catalog.countRecords({ accountId: account.id })).toBe(2);
    expect(await catalog.countRecords({ accountId: account.id, status: 'hidden' })).toBe(1);
    expect(await catalog.countRecords({ status: 'live' })).toBe(2);
  });

  it('remembers archived media per account and source URL', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    const photo = archivedAttachment('https://cdn.example.test/photo.png');
    const notDownloaded = { kind: 'image' as const, sourceUrl: 'https://cdn.example.test/failed.png' };
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a', { attachments: [photo, notDownloaded] })]));
    const found = await catalog.findArchivedMedia(account.id, [
      photo.sourceUrl,
      notDownloaded.sourceUrl,
      'https://cdn.example.test/x',
    ]);
    expect([...found.entries()]).toEqual([[photo.sourceUrl, photo]]);
    expect((await catalog.findArchivedMedia(other.id, [photo.sourceUrl])).size).toBe(0);
    expect((await catalog.findArchivedMedia(account.id, [])).size).toBe(0);
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).toMatchObject({ attachments: [photo, notDownloaded] });
    expect((await catalog.listIndexBacklog(1))[0].hasAttachments).toBe(true);
  });

  it('keeps media archived after the first capture on the record, without a new version', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const sourceUrl = 'https://cdn.example.test/late.png';
    await catalog.applyPage(
      makePage(account.id, 'p1', [makeItem('a', { attachments: [{ kind: 'image', sourceUrl }] })]),
    );
    await catalog.applyPage(
      makePage(account.id, 'p2', [makeItem('a', { attachments: [archivedAttachment(sourceUrl)] })]),
    );
    const record = (await catalog.getRecordByPlatformId(account.id, 'a'))!;
    expect(record).toMatchObject({ versionCount: 1, attachments: [archivedAttachment(sourceUrl)] });
  });

  it('refuses to rewrite versions and captures, even by direct SQL', async () => {
    const { catalog, execute } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await expect(execute("UPDATE record_versions SET text = 'rewritten'")).rejects.toHaveProperty('message');
    await expect(execute('DELETE FROM record_versions')).rejects.toHaveProperty('message');
    await expect(execute("UPDATE raw_captures SET key = 'elsewhere'")).rejects.toHaveProperty('message');
    await expect(execute('DELETE FROM raw_captures')).rejects.toHaveProperty('message');
    expect((await catalog.listVersions(recordIdFor(account.id, 'a')))[0].text).toBe('text of a');
  });
}
