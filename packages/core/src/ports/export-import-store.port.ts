import type { ExportImport, ImportReport } from '../export-import.schema';

export interface NewExportImport {
  accountId: string;
  fileName: string;
  sha256: string;
  key: string;
  byteLength: number;
  requestedBy: string;
  createdAt: string;
}

/** Imports of platform exports and their reports, in the catalog's database. */
export interface ExportImportStore {
  /** Records an upload whose file is already archived; status `queued`. Throws for an unknown account. */
  createImport(input: NewExportImport): Promise<ExportImport>;
  /** Null when there is no import with this id. */
  getImport(id: string): Promise<ExportImport | null>;
  /** The account's imports, newest first. */
  listImports(accountId: string, limit: number): Promise<ExportImport[]>;
  /** Marks the import running and saves the report so far (called again as it progresses). */
  recordProgress(id: string, report: ImportReport): Promise<void>;
  /** Ends the import with its final report, or with the error that stopped it. */
  finishImport(
    id: string,
    outcome: { status: 'completed' | 'failed'; report: ImportReport; error: string | null; at: string },
  ): Promise<void>;
}
