import { emptyImportReport, type NewExportImport } from '@verbatim/core';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';
import { createAccount } from './conformance/fixtures';
import { UnknownReferenceError } from './errors';

const AT = '2026-04-01T09:00:00.000Z';

function upload(accountId: string, fileName: string): NewExportImport {
  return {
    accountId,
    fileName,
    sha256: 'a'.repeat(64),
    key: `raw/aa/${'a'.repeat(64)}`,
    byteLength: 5_000_000_000,
    requestedBy: 'tok_it',
    createdAt: AT,
  };
}

/** The ExportImportStore contract, run against the SQLite and PostgreSQL adapters alike. */
export function describeExportImportStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it('records an upload as queued, then its progress and its final report', async () => {
    const account = await createAccount(harness.accounts);
    const created = await harness.exportImports.createImport(upload(account.id, 'twitter-2026.zip'));
    expect(created.id).toMatch(/^imp_/);
    expect(created).toEqual({
      id: created.id,
      ...upload(account.id, 'twitter-2026.zip'),
      status: 'queued',
      finishedAt: null,
      error: null,
      report: null,
    });
    const report = { ...emptyImportReport(), format: 'x-archive' as const, itemsFound: 3, created: 2 };
    await harness.exportImports.recordProgress(created.id, report);
    expect(await harness.exportImports.getImport(created.id)).toMatchObject({ status: 'running', report });
    const final = { ...report, created: 3, skipped: [{ reason: 'not a tweet', count: 1, examples: ['x'] }] };
    await harness.exportImports.finishImport(created.id, { status: 'completed', report: final, error: null, at: AT });
    expect(await harness.exportImports.getImport(created.id)).toMatchObject({
      status: 'completed',
      report: final,
      finishedAt: AT,
    });
    // A late progress report from a retried job does not reopen a finished import.
    await harness.exportImports.recordProgress(created.id, report);
    expect((await harness.exportImports.getImport(created.id))?.status).toBe('completed');
  });

  it("lists an account's imports newest first, and only that account's", async () => {
    const account = await createAccount(harness.accounts, 'one');
    const other = await createAccount(harness.accounts, 'two');
    const first = await harness.exportImports.createImport(upload(account.id, 'first.zip'));
    const second = await harness.exportImports.createImport(upload(account.id, 'second.zip'));
    await harness.exportImports.createImport(upload(other.id, 'other.zip'));
    const listed = await harness.exportImports.listImports(account.id, 10);
    expect(listed.map((entry) => entry.id)).toEqual([second.id, first.id]);
    expect(await harness.exportImports.listImports(account.id, 1)).toHaveLength(1);
    expect(await harness.exportImports.getImport('imp_missing')).toBeNull();
  });

  it('refuses an import for an account that does not exist', async () => {
    await expect(harness.exportImports.createImport(upload('acc_missing', 'x.zip'))).rejects.toBeInstanceOf(
      UnknownReferenceError,
    );
  });
}
