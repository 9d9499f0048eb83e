import { recordIdFor } from '@verbatim/core';
import { createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** The dashboard's figures: records by status, and raw captures per hour. */
export function describeTotalsCases(harness: () => CatalogHarness): void {
  it('counts records by status, every status present', async () => {
    const { catalog } = harness();
    expect(await catalog.countRecordsByStatus()).toEqual({ live: 0, edited: 0, hidden: 0, deleted: 0 });
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(account.id, 'p1', [makeItem('a'), makeItem('b'), makeItem('c', { hidden: true }), makeItem('d')]),
    );
    await catalog.applyPage(
      makePage(account.id, 'p2', [makeItem('a', { text: 'edited text' })], { capturedAt: T.pass2 }),
    );
    await catalog.markGone(account.id, [recordIdFor(account.id, 'd')], T.pass2);
    expect(await catalog.countRecordsByStatus()).toEqual({ live: 1, edited: 1, hidden: 1, deleted: 1 });
  });

  it('counts captures and their bytes per UTC hour since the given instant, oldest first', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const at = (time: string) => ({ capturedAt: `2024-03-0${time}Z` });
    await catalog.applyPage(makePage(account.id, 'too-early', [makeItem('a')], at('1T08:59:59.999')));
    await catalog.applyPage(makePage(account.id, 'nine', [makeItem('b')], at('1T09:00:00.000')));
    await catalog.applyPage(makePage(account.id, 'nine-59', [makeItem('c')], at('1T09:59:00.000')));
    await catalog.applyPage(makePage(account.id, 'next-day', [makeItem('d')], at('2T23:30:00.000')));
    // The same bytes again are the same capture: not counted twice.
    await catalog.applyPage(makePage(account.id, 'nine', [makeItem('b')], at('2T23:45:00.000')));
    expect(await catalog.countCapturesByHour('2024-03-01T09:00:00.000Z')).toEqual([
      { hour: '2024-03-01T09', captures: 2, bytes: 'nine'.length + 'nine-59'.length },
      { hour: '2024-03-02T23', captures: 1, bytes: 'next-day'.length },
    ]);
    expect(await catalog.countCapturesByHour('2024-03-03T00:00:00.000Z')).toEqual([]);
  });
}
