import type Database from 'better-sqlite3';
import {
  newId,
  type ExportImport,
  type ExportImportStore,
  type ImportReport,
  type NewExportImport,
} from '@verbatim/core';
import { UnknownReferenceError } from '../../errors';

interface ImportRow {
  id: string;
  account_id: string;
  file_name: string;
  sha256: string;
  key: string;
  byte_length: number;
  status: ExportImport['status'];
  requested_by: string;
  created_at: string;
  finished_at: string | null;
  error: string | null;
  report_json: string | null;
}

function importFromRow(row: ImportRow): ExportImport {
  return {
    id: row.id,
    accountId: row.account_id,
    fileName: row.file_name,
    sha256: row.sha256,
    key: row.key,
    byteLength: row.byte_length,
    status: row.status,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    report: row.report_json === null ? null : (JSON.parse(row.report_json) as ImportReport),
  };
}

/** Imports of platform exports in the catalog's SQLite file (migration 32). */
export class SqliteExportImportStore implements ExportImportStore {
  constructor(private readonly db: Database.Database) {}

  async createImport(input: NewExportImport): Promise<ExportImport> {
    if (!this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(input.accountId))
      throw new UnknownReferenceError('account', input.accountId);
    const id = newId('exportImport');
    this.db
      .prepare(
        `INSERT INTO export_imports (id, account_id, file_name, sha256, key, byte_length, status, requested_by,
          created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      )
      .run(
        id,
        input.accountId,
        input.fileName,
        input.sha256,
        input.key,
        input.byteLength,
        input.requestedBy,
        input.createdAt,
      );
    return (await this.getImport(id))!;
  }

  async getImport(id: string): Promise<ExportImport | null> {
    const row = this.db.prepare('SELECT * FROM export_imports WHERE id = ?').get(id) as ImportRow | undefined;
    return row ? importFromRow(row) : null;
  }

  async listImports(accountId: string, limit: number): Promise<ExportImport[]> {
    const rows = this.db
      .prepare('SELECT * FROM export_imports WHERE account_id = ? ORDER BY seq DESC LIMIT ?')
      .all(accountId, limit) as ImportRow[];
    return rows.map(importFromRow);
  }

  async recordProgress(id: string, report: ImportReport): Promise<void> {
    this.db
      .prepare(`UPDATE export_imports SET status = 'running', report_json = ? WHERE id = ? AND finished_at IS NULL`)
      .run(JSON.stringify(report), id);
  }

  async finishImport(
    id: string,
    outcome: { status: 'completed' | 'failed'; report: ImportReport; error: string | null; at: string },
  ): Promise<void> {
    this.db
      .prepare('UPDATE export_imports SET status = ?, report_json = ?, error = ?, finished_at = ? WHERE id = ?')
      .run(outcome.status, JSON.stringify(outcome.report), outcome.error, outcome.at, id);
  }
}
