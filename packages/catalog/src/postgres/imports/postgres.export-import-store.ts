import type { Pool } from 'pg';
import {
  newId,
  type ExportImport,
  type ExportImportStore,
  type ImportReport,
  type NewExportImport,
} from '@verbatim/core';
import { UnknownReferenceError } from '../../errors';

/** An export_imports row as pg returns it: report parsed from jsonb, instants in `toISOString()` form. */
interface ImportRow {
  id: string;
  account_id: string;
  file_name: string;
  sha256: string;
  key: string;
  byte_length: string | number;
  status: ExportImport['status'];
  requested_by: string;
  created_at: string;
  finished_at: string | null;
  error: string | null;
  report: ImportReport | null;
}

function importFromRow(row: ImportRow): ExportImport {
  return {
    id: row.id,
    accountId: row.account_id,
    fileName: row.file_name,
    sha256: row.sha256,
    key: row.key,
    byteLength: Number(row.byte_length),
    status: row.status,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    error: row.error,
    report: row.report,
  };
}

/** Imports of platform exports in the catalog's PostgreSQL schema (migration 29). Does not own the pool. */
export class PostgresExportImportStore implements ExportImportStore {
  constructor(private readonly pool: Pool) {}

  async createImport(input: NewExportImport): Promise<ExportImport> {
    const id = newId('exportImport');
    const { rowCount } = await this.pool.query(
      `INSERT INTO export_imports (id, account_id, file_name, sha256, key, byte_length, status, requested_by,
        created_at) SELECT $1, id, $3, $4, $5, $6, 'queued', $7, $8 FROM accounts WHERE id = $2`,
      [
        id,
        input.accountId,
        input.fileName,
        input.sha256,
        input.key,
        input.byteLength,
        input.requestedBy,
        input.createdAt,
      ],
    );
    if (!rowCount) throw new UnknownReferenceError('account', input.accountId);
    return (await this.getImport(id))!;
  }

  async getImport(id: string): Promise<ExportImport | null> {
    const { rows } = await this.pool.query<ImportRow>('SELECT * FROM export_imports WHERE id = $1', [id]);
    return rows.length ? importFromRow(rows[0]) : null;
  }

  async listImports(accountId: string, limit: number): Promise<ExportImport[]> {
    const { rows } = await this.pool.query<ImportRow>(
      'SELECT * FROM export_imports WHERE account_id = $1 ORDER BY seq DESC LIMIT $2',
      [accountId, limit],
    );
    return rows.map(importFromRow);
  }

  async recordProgress(id: string, report: ImportReport): Promise<void> {
    await this.pool.query(
      `UPDATE export_imports SET status = 'running', report = $1::jsonb WHERE id = $2 AND finished_at IS NULL`,
      [JSON.stringify(report), id],
    );
  }

  async finishImport(
    id: string,
    outcome: { status: 'completed' | 'failed'; report: ImportReport; error: string | null; at: string },
  ): Promise<void> {
    await this.pool.query(
      'UPDATE export_imports SET status = $1, report = $2::jsonb, error = $3, finished_at = $4 WHERE id = $5',
      [outcome.status, JSON.stringify(outcome.report), outcome.error, outcome.at, id],
    );
  }
}
