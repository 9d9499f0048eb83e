import { recordIdFor } from '@verbatim/core';
import { createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** Disappearance and return of items: unseen records, tombstones, restoration. */
export function describeLifecycleCases(harness: () => CatalogHarness): void {
  it('lists the records a pass did not see', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
        { passNumber: 1 },
      ),
    );
    await catalog.applyPage(makePage(other.id, 'o1', [makeItem('z')], { passNumber: 1 }));
    await catalog.applyPage(makePage(account.id, 'p2', [makeItem('b')], { passNumber: 2, capturedAt: T.pass2 }));
    const unseen = await catalog.listUnseen(account.id, 2);
    expect(unseen.map((record) => record.platformId).sort()).toEqual(['a', 'c']);
    expect(unseen.find((record) => record.platformId === 'a')!.id).toBe(recordIdFor(account.id, 'a'));
    expect(await catalog.listUnseen(account.id, 1)).toEqual([]);
    expect(await catalog.getRecordByPlatformId(account.id, 'b')).toMatchObject({ lastSeenAt: T.pass2 });
  });

  it('never lets a late page of an older pass make a record look unseen by the current pass', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(
        account.id,
        'p1',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
        { passNumber: 1 },
      ),
    );
    await catalog.applyPage(
      makePage(
        account.id,
        'p2',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
        { passNumber: 2, capturedAt: T.pass2 },
      ),
    );
    // A worker still on pass 1 applies a page late: one item unchanged, one with new text, one newly hidden.
    await catalog.applyPage(
      makePage(
        account.id,
        'p1-late',
        [makeItem('a'), makeItem('b', { text: 'late edit' }), makeItem('c', { hidden: true })],
        { passNumber: 1 },
      ),
    );
    expect(await catalog.listUnseen(account.id, 2)).toEqual([]);
    for (const id of ['a', 'b', 'c'])
      expect(await catalog.getRecordByPlatformId(account.id, id)).toMatchObject({ lastSeenAt: T.pass2 });
  });

  it('tombstones records confirmed gone; their text and versions stay', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a'), makeItem('b')], { capturedAt: T.pass1 }));
    await catalog.applyPage(
      makePage(account.id, 'p2', [makeItem('a', { text: 'edited' }), makeItem('b')], {
        capturedAt: T.pass2,
        passNumber: 2,
      }),
    );
    await catalog.applyPage(makePage(account.id, 'p3', [makeItem('b')], { capturedAt: T.pass3, passNumber: 3 }));
    const id = recordIdFor(account.id, 'a');
    const documents = await catalog.markGone(account.id, [id], T.pass4);
    expect(documents).toEqual([
      expect.objectContaining({ id, status: 'deleted', text: 'edited', priorText: 'text of a' }),
    ]);
    expect(await catalog.getRecord(id)).toMatchObject({
      status: 'deleted',
      text: 'edited',
      versionCount: 2,
      lastSeenAt: T.pass2,
    });
    expect(await catalog.getTombstone(id)).toEqual({
      recordId: id,
      detectedAt: T.pass4,
      lastSeenAt: T.pass2,
      reason: 'deleted-on-platform',
    });
    expect((await catalog.listVersions(id)).map((version) => version.text)).toEqual(['text of a', 'edited']);
    expect(await catalog.getTombstone(recordIdFor(account.id, 'b'))).toBeNull();
    expect(await catalog.listUnseen(account.id, 4)).toEqual([{ id: recordIdFor(account.id, 'b'), platformId: 'b' }]);
    expect(await catalog.countRecords({ status: 'deleted' })).toBe(1);
  });

  it('marking gone twice changes nothing the second time; other accounts and unknown ids are ignored', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await catalog.applyPage(makePage(other.id, 'o1', [makeItem('a')]));
    const id = recordIdFor(account.id, 'a');
    await catalog.markGone(account.id, [id], T.pass2);
    expect(await catalog.markGone(account.id, [id, 'rec_missing', recordIdFor(other.id, 'a')], T.pass3)).toEqual([]);
    expect(await catalog.getTombstone(id)).toMatchObject({ detectedAt: T.pass2 });
    expect(await catalog.getRecordByPlatformId(other.id, 'a')).toMatchObject({ status: 'live' });
  });

  it('a tombstoned item that reappears is restored: status returns, the tombstone closes', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    const id = recordIdFor(account.id, 'a');
    await catalog.markGone(account.id, [id], T.pass2);
    const applied = await catalog.applyPage(
      makePage(account.id, 'p3', [makeItem('a')], { capturedAt: T.pass3, passNumber: 3 }),
    );
    expect(applied.changed).toEqual([expect.objectContaining({ id, status: 'live' })]);
    expect(await catalog.getRecord(id)).toMatchObject({ status: 'live', lastSeenAt: T.pass3 });
    expect(await catalog.getTombstone(id)).toBeNull();
    await catalog.markGone(account.id, [id], T.pass4);
    expect(await catalog.getTombstone(id)).toMatchObject({ detectedAt: T.pass4, lastSeenAt: T.pass3 });
  });

  it('a tombstoned item that reappears edited gets a version and the edited status', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    const id = recordIdFor(account.id, 'a');
    await catalog.markGone(account.id, [id], T.pass2);
    await catalog.applyPage(makePage(account.id, 'p3', [makeItem('a', { text: 'back, reworded' })], { passNumber: 3 }));
    expect(await catalog.getRecord(id)).toMatchObject({ status: 'edited', versionCount: 2 });
    expect(await catalog.getTombstone(id)).toBeNull();
  });
}
