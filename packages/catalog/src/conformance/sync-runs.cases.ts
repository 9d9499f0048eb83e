import type { SyncRun } from '@verbatim/core';
import { createAccount, T, type CatalogHarness } from './fixtures';

const run = (accountId: string, overrides: Partial<SyncRun> = {}): SyncRun => ({
  accountId,
  passNumber: 1,
  startedAt: T.pass1,
  endedAt: T.pass2,
  outcome: 'completed',
  error: null,
  resumed: false,
  pages: 3,
  items: 250,
  created: 240,
  newVersions: 7,
  tombstoned: 2,
  mediaArchived: 12,
  quarantined: 1,
  notices: [],
  ...overrides,
});

/** The history of sync runs: what each captured, newest first, per account. */
export function describeSyncRunCases(harness: () => CatalogHarness): void {
  it('keeps each run with what it captured and lists an account’s newest first, up to the limit', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const other = await createAccount(catalog, 'other');
    const failed = run(account.id, { outcome: 'failed', error: 'HTTP 401', pages: 0, items: 0, created: 0 });
    const resumed = run(account.id, {
      passNumber: 2,
      outcome: 'paused',
      error: 'rate limited',
      resumed: true,
      notices: ['replies were not read: the app’s access tier has no search', 'a second “notice”'],
    });
    await catalog.recordSyncRun(run(account.id));
    await catalog.recordSyncRun(run(other.id));
    await catalog.recordSyncRun(failed);
    await catalog.recordSyncRun(resumed);

    expect(await catalog.listSyncRuns(account.id, 10)).toEqual([resumed, failed, run(account.id)]);
    expect(await catalog.listSyncRuns(account.id, 1)).toEqual([resumed]);
    expect(await catalog.listSyncRuns('acc_missing', 10)).toEqual([]);
    await expect(catalog.recordSyncRun(run('acc_missing'))).rejects.toHaveProperty('message');
  });
}
