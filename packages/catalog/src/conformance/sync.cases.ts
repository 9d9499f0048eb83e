import { OUTSIDE_ANY_PASS } from '@verbatim/core';
import { createAccount, makeItem, makePage, T, type CatalogHarness } from './fixtures';

/** The per-account sync state: passes, cursors saved with pages, completion and failure. */
export function describeSyncCases(harness: () => CatalogHarness): void {
  it('reports an account that never synced as pass 0, status never', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    expect(await catalog.getSyncState(account.id)).toEqual({
      accountId: account.id,
      passNumber: 0,
      passToken: null,
      cursor: null,
      status: 'never',
      startedAt: null,
      completedAt: null,
      lastError: null,
      lastCompletedPassToken: null,
      lastCompletedAt: null,
      pagesFetched: 0,
      itemsSeen: 0,
    });
  });

  it('goes through a pass: start, pages with their cursors, completion', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'cursor-0', T.pass1);
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      passNumber: 1,
      passToken: 'token-1',
      cursor: 'cursor-0',
      status: 'running',
      startedAt: T.pass1,
    });
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a'), makeItem('b')], { nextCursor: 'cursor-1' }));
    expect(await catalog.getSyncState(account.id)).toMatchObject({ cursor: 'cursor-1', pagesFetched: 1, itemsSeen: 2 });
    await catalog.applyPage(makePage(account.id, 'p2', [makeItem('c')], { nextCursor: null }));
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      cursor: null,
      pagesFetched: 2,
      itemsSeen: 3,
      status: 'running',
    });
    await catalog.completePass(account.id, 1, T.pass2);
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      passNumber: 1,
      status: 'completed',
      cursor: null,
      completedAt: T.pass2,
      lastCompletedPassToken: 'token-1',
      lastCompletedAt: T.pass2,
    });
  });

  it('applies a page outside any pass (an import) without creating or moving any pass', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    const imported = makePage(account.id, 'export', [makeItem('a')], { passNumber: OUTSIDE_ANY_PASS });
    expect((await catalog.applyPage(imported)).created).toBe(1);
    expect(await catalog.getSyncState(account.id)).toMatchObject({ status: 'never', passNumber: 0, pagesFetched: 0 });
    await catalog.startPass(account.id, 1, 'token-1', 'cursor-0', T.pass1);
    await catalog.applyPage(makePage(account.id, 'export-2', [makeItem('b')], { passNumber: OUTSIDE_ANY_PASS }));
    expect(await catalog.getSyncState(account.id)).toMatchObject({ cursor: 'cursor-0', pagesFetched: 0, itemsSeen: 0 });
  });

  it('starts the next pass with fresh counters and keeps the last completed token', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')], { nextCursor: null }));
    await catalog.completePass(account.id, 1, T.pass1);
    await catalog.startPass(account.id, 2, 'token-2', 'c0', T.pass2);
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      passNumber: 2,
      passToken: 'token-2',
      status: 'running',
      pagesFetched: 0,
      itemsSeen: 0,
      completedAt: null,
      lastCompletedPassToken: 'token-1',
      lastCompletedAt: T.pass1,
    });
  });

  it('keeps a failed pass resumable: token and cursor stay, the error is recorded', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')], { nextCursor: 'c1' }));
    await catalog.failPass(account.id, 1, 'platform said 500', T.pass2);
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      passNumber: 1,
      passToken: 'token-1',
      cursor: 'c1',
      status: 'failed',
      lastError: 'platform said 500',
      lastCompletedPassToken: null,
    });
    await catalog.applyPage(makePage(account.id, 'p2', [makeItem('b')], { nextCursor: null }));
    await catalog.completePass(account.id, 1, T.pass3);
    expect(await catalog.getSyncState(account.id)).toMatchObject({
      status: 'completed',
      lastCompletedPassToken: 'token-1',
    });
  });

  it('completing the same pass twice changes nothing; completing a stale pass is refused', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    await catalog.completePass(account.id, 1, T.pass2);
    await catalog.completePass(account.id, 1, T.pass3);
    expect(await catalog.getSyncState(account.id)).toMatchObject({ completedAt: T.pass2, lastCompletedAt: T.pass2 });
    await catalog.startPass(account.id, 2, 'token-2', 'c0', T.pass3);
    await expect(catalog.completePass(account.id, 1, T.pass4)).rejects.toHaveProperty('message');
    await catalog.failPass(account.id, 1, 'late failure of an old pass', T.pass4);
    expect(await catalog.getSyncState(account.id)).toMatchObject({ passNumber: 2, status: 'running', lastError: null });
  });

  it('records a capture outside any pass once, leaving the pass as it was', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 1, 'token-1', 'c0', T.pass1);
    const before = await catalog.getSyncState(account.id);
    const capture = {
      sha256: 'c'.repeat(64),
      key: `raw/${'c'.repeat(64)}`,
      accountId: account.id,
      contentType: 'application/json',
      byteLength: 42,
      source: 'facebook webhook delivery (feed)',
      capturedAt: T.pass2,
    };
    await expect(catalog.recordCapture(capture)).resolves.toBe(true);
    await expect(catalog.recordCapture({ ...capture, source: 'again', capturedAt: T.pass3 })).resolves.toBe(false);
    expect(await catalog.getCapture(capture.sha256)).toEqual(capture);
    expect(await catalog.getSyncState(account.id)).toEqual(before);
    await expect(
      catalog.recordCapture({ ...capture, sha256: 'd'.repeat(64), accountId: 'no-such-account' }),
    ).rejects.toThrow(/account/);
    expect(await catalog.getCapture('d'.repeat(64))).toBeNull();
  });

  it('records why a pass could not begin, keeping the last pass, until a pass starts', async () => {
    const { catalog } = harness();
    const fresh = await createAccount(catalog);
    await catalog.failStart(fresh.id, 'no Bluesky account @nobody: check the handle');
    expect(await catalog.getSyncState(fresh.id)).toMatchObject({
      passNumber: 0,
      status: 'never',
      lastError: 'no Bluesky account @nobody: check the handle',
    });
    await catalog.startPass(fresh.id, 1, 'token-1', 'c0', T.pass1);
    expect(await catalog.getSyncState(fresh.id)).toMatchObject({ passNumber: 1, status: 'running', lastError: null });
    await catalog.failStart(fresh.id, 'ignored while a pass runs');
    expect(await catalog.getSyncState(fresh.id)).toMatchObject({ status: 'running', lastError: null });
    await catalog.completePass(fresh.id, 1, T.pass2);
    await catalog.failStart(fresh.id, 'the access token was refused');
    expect(await catalog.getSyncState(fresh.id)).toMatchObject({
      passNumber: 1,
      status: 'completed',
      lastCompletedAt: T.pass2,
      lastCompletedPassToken: 'token-1',
      lastError: 'the access token was refused',
    });
  });

  it('does not let a page of an older pass move the current cursor', async () => {
    const { catalog } = harness();
    const account = await createAccount(catalog);
    await catalog.startPass(account.id, 2, 'token-2', 'c0', T.pass2);
    await catalog.applyPage(makePage(account.id, 'old', [makeItem('a')], { passNumber: 1, nextCursor: 'old-cursor' }));
    expect(await catalog.getSyncState(account.id)).toMatchObject({ passNumber: 2, cursor: 'c0', pagesFetched: 0 });
    expect(await catalog.getRecordByPlatformId(account.id, 'a')).not.toBeNull();
  });

  it('refuses to start a pass or apply a page for an unknown account', async () => {
    const { catalog } = harness();
    await expect(catalog.startPass('acc_missing', 1, 't', 'c', T.pass1)).rejects.toThrow(/acc_missing/);
    await expect(catalog.applyPage(makePage('acc_missing', 'p', [makeItem('a')]))).rejects.toThrow(/acc_missing/);
  });
}
