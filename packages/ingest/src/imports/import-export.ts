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
  type ExportDeletion,
  type ExportImport,
  type ExportImportStore,
  type ExportReader,
  type ImportReport,
  type ObjectStore,
  type PreparedItem,
  type RawCapture,
  type SearchDocument,
  type SearchIndex,
  recordIdFor,
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
      `${upload.fileName} is no export format Verbatim reads (an X archive, a Mastodon archive or outbox.json, a Facebook or Instagram JSON download, a Slack or Discord export, a YouTube Takeout)`,
    );
  tally.report.format = reader.format;
  const pipeline = new BatchPipeline(deps, account, capture, file, tally);
  for await (const batch of reader.read(file, account, tally, options.batchSize ?? 1000)) {
    if (options.signal?.aborted) throw new Error('import interrupted by shutdown; running it again resumes safely');
    if (await pipeline.add(batch)) await reportProgress(deps, upload, tally, options);
  }
  while (await pipeline.applyOldest()) await reportProgress(deps, upload, tally, options);
  await pipeline.finish();
  return tally.snapshot();
}

async function reportProgress(
  deps: ImportDependencies,
  upload: ExportImport,
  tally: ImportTally,
  options: ImportOptions,
): Promise<void> {
  const report = tally.snapshot();
  await deps.exportImports.recordProgress(upload.id, report);
  await options.onProgress?.(report);
}

/** Batches whose media are being archived ahead of the one being applied. */
const BATCHES_AHEAD = 3;

/**
 * Applies batches in order while the next ones' media are archived (file I/O) and the previous batch is indexed,
 * as a sync overlaps its pages. Which items are earlier versions is decided just before a batch is applied,
 * once every batch before it is in the catalog.
 */
class BatchPipeline {
  private readonly archiving: Array<Promise<{ batch: ExportBatch; prepared: PreparedItem[]; mediaArchived: number }>> =
    [];
  private indexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ImportDependencies,
    private readonly account: Account,
    private readonly capture: RawCapture,
    private readonly file: OpenedExportFile,
    private readonly tally: ImportTally,
  ) {}

  /** Starts archiving the batch's media; applies the oldest batch when enough are ahead. True when one was applied. */
  async add(batch: ExportBatch): Promise<boolean> {
    for (const item of batch.items) {
      for (const attachment of item.attachments) {
        if (!batch.mediaFiles.has(attachment.sourceUrl))
          this.tally.skip('media the export does not hold: only its link is kept', attachment.sourceUrl);
      }
    }
    const source = exportMediaSource(this.file, batch.mediaFiles);
    const archiving = archiveItems(this.deps, source, this.account.id, batch.items).then((archived) => ({
      batch,
      prepared: archived.items,
      mediaArchived: archived.mediaArchived,
    }));
    archiving.catch(() => undefined); // surfaces when applied, in order
    this.archiving.push(archiving);
    return this.archiving.length > BATCHES_AHEAD ? this.applyOldest() : false;
  }

  /** Applies the oldest batch waiting; false when none is. */
  async applyOldest(): Promise<boolean> {
    const next = this.archiving.shift();
    if (!next) return false;
    const { batch, prepared, mediaArchived } = await next;
    const deletions = await this.deletionsNotYetRecorded(batch.deletions ?? []);
    const stillDeleted = (item: PreparedItem) => deletions.recorded.has(item.platformId);
    const current = await withoutEarlierVersions(this.deps.catalog, this.account.id, prepared);
    const applied = await this.deps.catalog.applyPage({
      accountId: this.account.id,
      passNumber: OUTSIDE_ANY_PASS,
      capture: this.capture,
      // An item already tombstoned as the export says is left as it is: applied, it would count as restored.
      items: current.items.filter((item) => !stillDeleted(item)),
      rejected: batch.rejected,
      nextCursor: null,
      capturedAt: this.capture.capturedAt,
    });
    const tombstoned = await this.markDeleted(deletions.toRecord);
    await this.indexing;
    this.indexing = indexDocuments(this.deps, [...applied.changed, ...tombstoned]);
    this.indexing.catch(() => undefined); // surfaces at the next batch or at finish
    const { report } = this.tally;
    report.itemsFound += batch.items.length;
    report.created += applied.created;
    report.newVersions += applied.newVersions;
    report.unchanged += applied.unchanged + current.earlier + current.items.filter(stillDeleted).length;
    report.quarantined += applied.quarantined;
    report.mediaArchived += mediaArchived;
    report.tombstoned = (report.tombstoned ?? 0) + tombstoned.length;
    return true;
  }

  /** Splits the export's deletions into those whose records are deleted already and those to record now. */
  private async deletionsNotYetRecorded(
    deletions: readonly ExportDeletion[],
  ): Promise<{ recorded: Set<string>; toRecord: ExportDeletion[] }> {
    if (deletions.length === 0) return { recorded: new Set(), toRecord: [] };
    const records = await this.deps.catalog.getRecords(
      deletions.map((deletion) => recordIdFor(this.account.id, deletion.platformId)),
    );
    const recorded = new Set(
      records.filter((record) => record.status === 'deleted').map((record) => record.platformId),
    );
    return { recorded, toRecord: deletions.filter((deletion) => !recorded.has(deletion.platformId)) };
  }

  /** Tombstones what the export lists as deleted, each with its own time; records already deleted stay as they are. */
  private async markDeleted(deletions: readonly ExportDeletion[]): Promise<SearchDocument[]> {
    const byTime = new Map<string, string[]>();
    for (const { platformId, deletedAt } of deletions) {
      byTime.set(deletedAt, [...(byTime.get(deletedAt) ?? []), recordIdFor(this.account.id, platformId)]);
    }
    const documents: SearchDocument[] = [];
    for (const [deletedAt, recordIds] of byTime) {
      documents.push(...(await this.deps.catalog.markGone(this.account.id, recordIds, deletedAt)));
    }
    return documents;
  }

  /** Waits for the last batch to be indexed. */
  async finish(): Promise<void> {
    await this.indexing;
  }
}
