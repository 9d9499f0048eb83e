import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  notFound,
  parseInput,
  UseCaseError,
  type AccountRegistry,
  type AuditLog,
  type ExportImport,
  type ExportImportStore,
  type ImportControl,
  type ObjectStore,
} from '@verbatim/core';
import { EmptyExportError, storeExportUpload } from '@verbatim/ingest';

const RECENT_IMPORTS = 50;

/** What the uploader says of the file (a query parameter, a form field, a command-line argument). */
export const ImportUploadSchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(
      (name) => !name.includes('/') && !name.includes('\\') && !name.includes('\u0000'),
      'a file name without folders',
    )
    .default('export'),
});

export interface ImportDeskDependencies {
  catalog: AccountRegistry & AuditLog;
  objectStore: ObjectStore;
  exportImports: ExportImportStore;
  importControl: ImportControl;
  /** Where uploads are spooled while hashed (DATA_DIR/tmp); the system's temp dir when absent. */
  scratchDir?: string;
}

/** Imports of platform exports: IT uploads an export, a job imports it, its report says what it found. */
export class ImportDesk {
  constructor(private readonly deps: ImportDeskDependencies) {}

  /**
   * Archives the uploaded export raw under its SHA-256 (streamed, never held in memory), records the import and
   * queues its job. Throws UseCaseError `not-found` for an unknown account and `invalid` for a bad file name or
   * an empty body, in both cases before anything is stored.
   */
  async startImport(
    accountId: string,
    upload: { fileName?: unknown; body: Readable },
    actorId: string,
  ): Promise<{ jobId: string; importId: string }> {
    if (!(await this.deps.catalog.getAccount(accountId))) throw notFound(`account ${accountId}`);
    const { fileName } = parseInput(ImportUploadSchema, { fileName: upload.fileName }, 'query');
    let stored: ExportImport;
    try {
      stored = await storeExportUpload(this.deps, { accountId, fileName, body: upload.body, requestedBy: actorId });
    } catch (error) {
      if (error instanceof EmptyExportError) throw new UseCaseError('invalid', 'empty_export', error.message);
      throw error;
    }
    const jobId = await this.deps.importControl.enqueue(stored.id);
    await this.deps.catalog.appendAudit({
      actor: actorId,
      action: 'account.import',
      target: accountId,
      details: { importId: stored.id, jobId, fileName: stored.fileName, sha256: stored.sha256 },
    });
    return { jobId, importId: stored.id };
  }

  /** The account's imports with their reports, newest first (at most 50). */
  async listImports(accountId: string): Promise<ExportImport[]> {
    if (!(await this.deps.catalog.getAccount(accountId))) throw notFound(`account ${accountId}`);
    return this.deps.exportImports.listImports(accountId, RECENT_IMPORTS);
  }
}
