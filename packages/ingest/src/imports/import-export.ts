import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  OUTSIDE_ANY_PASS,
  type Account,
  type Catalog,
  type ExportBatch,
  type ExportImport,
  type ExportImportStore,
  type ExportReader,
  type ImportReport,
  type ObjectStore,
  type RawCapture,
  type SearchIndex,
} from '@verbatim/core';
import { archiveItems } from '../archive-media';
import { indexDocuments } from '../index-backlog';
import { withoutEarlierVersions } from './earlier-versions';
import { exportMediaSource } from './export-media';
import { openExportFile, type OpenedExportFile } from './export-file';
import { ImportTally } from './import-tally';

export interface ImportDependencies {
  catalog: Catalog;
  objectStore: ObjectStore;
  searchIndex: SearchIndex;
  exportImports: ExportImportStore;
  /** Picks the reader of an export by its file names (see @verbatim/connectors' findExportReader). */
  findExportReader(names: readonly string[]): ExportReader | null;
  /** Where the export is copied to be read (a ZIP is read by random access); the system's temp dir by default. */
  scratchDir?: string;
  now?: () => Date;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (report: ImportReport) => void | Promise<void>;
  /** Items applied per catalog transaction. */
  batchSize?: number;
}

export class ImportNotFoundError extends Error {
  override readonly name = 'ImportNotFoundError';
}

/** Thrown when no reader recognizes the export: retrying will not help. */
export class UnrecognizedExportError extends Error {
  override readonly name = 'UnrecognizedExportError';
}

/**
 * Imports an uploaded export (already archived raw under its SHA-256) into its account's records: the export
 * is recorded as one raw capture whose source names the import, and its items are applied through the same
 * SyncStateStore.applyPage as a sync's pages (outside any pass), so versions, quarantine and search indexing
 * work as for any capture. Applying is idempotent: importing the same export again changes no record, and a
 * newer overlapping export adds only what is new or edited. Returns the report, also saved on the import.
 */
export async function importExport(
  deps: ImportDependencies,
  importId: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const upload = await deps.exportImports.getImport(importId);
  if (!upload) throw new ImportNotFoundError(`import ${importId} does not exist`);
  const account = await deps.catalog.getAccount(upload.accountId);
  if (!account) throw new ImportNotFoundError(`account ${upload.accountId} of import ${importId} does not exist`);
  const scratch = await mkdtemp(path.join(deps.scratchDir ?? os.tmpdir(), 'verbatim-import-'));
  try {
    const localPath = path.join(scratch, 'export');
    await pipeline(await deps.objectStore.getStream(upload.key), createWriteStream(localPath));
    const file = await openExportFile(localPath, upload.fileName);
    try {
      return await importFile(deps, upload, account, file, options);
    } finally {
      await file.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function importFile(
  deps: ImportDependencies,
  upload: ExportImport,
  account: Account,
  file: OpenedExportFile,
  options: ImportOptions,
): Promise<ImportReport> {
  const now = deps.now ?? (() => new Date());
  const tally = new ImportTally();
  tally.report.entries = file.names.length;
  const reader = deps.findExportReader(file.names);
  const capture: RawCapture = {
    sha256: upload.sha256,
    key: upload.key,
    accountId: account.id,
    contentType: file.isZip ? 'application/zip' : 'application/json',
    byteLength: upload.byteLength,
    source: `import of ${reader?.format ?? 'an unrecognized export'}: ${upload.fileName}`,
    capturedAt: now().toISOString(),
  };
  await deps.catalog.recordCapture(capture);
  if (!reader)
    throw new UnrecognizedExportError(
      `${upload.fileName} is no export format Verbatim reads (an X archive with data/tweets.js, or a Mastodon outbox.json)`,
    );
  tally.report.format = reader.format;
  for await (const batch of reader.read(file, account, tally, options.batchSize ?? 1000)) {
    if (options.signal?.aborted) throw new Error('import interrupted by shutdown; running it again resumes safely');
    await applyBatch(deps, account, capture, file, batch, tally);
    const report = tally.snapshot();
    await deps.exportImports.recordProgress(upload.id, report);
    await options.onProgress?.(report);
  }
  return tally.snapshot();
}

async function applyBatch(
  deps: ImportDependencies,
  account: Account,
  capture: RawCapture,
  file: OpenedExportFile,
  batch: ExportBatch,
  tally: ImportTally,
): Promise<void> {
  for (const item of batch.items) {
    for (const attachment of item.attachments) {
      if (!batch.mediaFiles.has(attachment.sourceUrl))
        tally.skip('media the export does not hold: only its link is kept', attachment.sourceUrl);
    }
  }
  const archived = await archiveItems(deps, exportMediaSource(file, batch.mediaFiles), account.id, batch.items);
  const current = await withoutEarlierVersions(deps.catalog, account.id, archived.items);
  const applied = await deps.catalog.applyPage({
    accountId: account.id,
    passNumber: OUTSIDE_ANY_PASS,
    capture,
    items: current.items,
    rejected: batch.rejected,
    nextCursor: null,
    capturedAt: capture.capturedAt,
  });
  await indexDocuments(deps, applied.changed);
  const { report } = tally;
  report.itemsFound += batch.items.length;
  report.created += applied.created;
  report.newVersions += applied.newVersions;
  report.unchanged += applied.unchanged + current.earlier;
  report.quarantined += applied.quarantined;
  report.mediaArchived += archived.mediaArchived;
}
