import type Database from 'better-sqlite3';
import { newId } from '@verbatim/core';
import type {
  Bundle,
  BundleItemRange,
  BundleProgress,
  BundleStore,
  CompletedBundle,
  UnredactedOccurrence,
} from '@verbatim/foia';

interface BundleRow {
  id: string;
  request_id: string;
  status: string;
  progress_json: string | null;
  bates_prefix: string;
  bates_first: number | null;
  bates_last: number | null;
  pages: number | null;
  sha256: string | null;
  zip_sha256: string | null;
  pdf_key: string | null;
  zip_key: string | null;
  input_key: string | null;
  error: string | null;
  unredacted_json: string | null;
  created_at: string;
  created_by: string;
  completed_at: string | null;
}

function bundleFromRow(row: BundleRow): Bundle {
  return {
    id: row.id,
    requestId: row.request_id,
    status: row.status as Bundle['status'],
    progress: row.progress_json ? (JSON.parse(row.progress_json) as BundleProgress) : null,
    batesPrefix: row.bates_prefix,
    batesFirst: row.bates_first,
    batesLast: row.bates_last,
    pages: row.pages,
    sha256: row.sha256,
    zipSha256: row.zip_sha256,
    pdfKey: row.pdf_key,
    zipKey: row.zip_key,
    inputKey: row.input_key,
    error: row.error,
    unredacted: row.unredacted_json ? (JSON.parse(row.unredacted_json) as UnredactedOccurrence[]) : null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    completedAt: row.completed_at,
  };
}

/** Bundles in the catalog's SQLite file. Completed bundles and their items are made immutable by triggers. */
export class SqliteBundleStore implements BundleStore {
  constructor(private readonly db: Database.Database) {}

  async createBundle(input: {
    requestId: string;
    batesPrefix: string;
    createdBy: string;
    at: string;
  }): Promise<Bundle> {
    const id = newId('bundle');
    this.db
      .prepare(
        `INSERT INTO bundles (id, request_id, status, bates_prefix, created_at, created_by)
      VALUES (?, ?, 'queued', ?, ?, ?)`,
      )
      .run(id, input.requestId, input.batesPrefix, input.at, input.createdBy);
    return (await this.getBundle(id))!;
  }

  async getBundle(id: string): Promise<Bundle | null> {
    const row = this.db.prepare('SELECT * FROM bundles WHERE id = ?').get(id) as BundleRow | undefined;
    return row ? bundleFromRow(row) : null;
  }

  async listBundles(requestId: string): Promise<Bundle[]> {
    const rows = this.db
      .prepare('SELECT * FROM bundles WHERE request_id = ? ORDER BY created_at, rowid')
      .all(requestId) as BundleRow[];
    return rows.map(bundleFromRow);
  }

  async markBuilding(id: string, progress: BundleProgress): Promise<void> {
    this.db
      .prepare(
        `UPDATE bundles SET status = 'building', progress_json = ?, error = NULL, unredacted_json = NULL WHERE id = ? AND status <> 'completed'`,
      )
      .run(JSON.stringify(progress), id);
  }

  async nextBatesNumber(prefix: string): Promise<number> {
    const last = this.db.prepare('SELECT last_number FROM bates_counters WHERE prefix = ?').pluck().get(prefix) as
      number | undefined;
    return (last ?? 0) + 1;
  }

  async completeBundle(id: string, completed: CompletedBundle): Promise<boolean> {
    return this.db
      .transaction(() => {
        const bundle = this.db.prepare('SELECT bates_prefix FROM bundles WHERE id = ?').get(id) as {
          bates_prefix: string;
        };
        const last = completed.batesFirst + completed.pages - 1;
        const current =
          (this.db
            .prepare('SELECT last_number FROM bates_counters WHERE prefix = ?')
            .pluck()
            .get(bundle.bates_prefix) as number | undefined) ?? 0;
        if (current !== completed.batesFirst - 1) return false;
        this.db
          .prepare(
            `INSERT INTO bates_counters (prefix, last_number) VALUES (?, ?)
        ON CONFLICT (prefix) DO UPDATE SET last_number = excluded.last_number`,
          )
          .run(bundle.bates_prefix, last);
        this.db
          .prepare(
            `UPDATE bundles SET status = 'completed', progress_json = NULL, bates_first = ?, bates_last = ?, pages = ?, sha256 = ?,
          zip_sha256 = ?, pdf_key = ?, zip_key = ?, input_key = ?, error = NULL, unredacted_json = NULL, completed_at = ? WHERE id = ?`,
          )
          .run(
            completed.batesFirst,
            last,
            completed.pages,
            completed.sha256,
            completed.zipSha256,
            completed.pdfKey,
            completed.zipKey,
            completed.inputKey,
            completed.at,
            id,
          );
        const insert = this.db
          .prepare(`INSERT INTO bundle_items (bundle_id, position, record_id, disposition, first_bates, last_bates,
        original_sha256s_json) VALUES (?, ?, ?, ?, ?, ?, ?)`);
        for (const item of completed.items) {
          insert.run(
            id,
            item.position,
            item.recordId,
            item.disposition,
            item.firstBates,
            item.lastBates,
            JSON.stringify(item.originalSha256s),
          );
        }
        return true;
      })
      .immediate();
  }

  async failBundle(id: string, error: string, at: string, unredacted?: UnredactedOccurrence[]): Promise<void> {
    this.db
      .prepare(
        `UPDATE bundles SET status = 'failed', error = ?, unredacted_json = ?, completed_at = ?
        WHERE id = ? AND status <> 'completed'`,
      )
      .run(error, unredacted ? JSON.stringify(unredacted) : null, at, id);
  }

  async listBundleItems(bundleId: string): Promise<BundleItemRange[]> {
    const rows = this.db
      .prepare('SELECT * FROM bundle_items WHERE bundle_id = ? ORDER BY position')
      .all(bundleId) as Array<{
      record_id: string;
      position: number;
      disposition: string;
      first_bates: string | null;
      last_bates: string | null;
      original_sha256s_json: string;
    }>;
    return rows.map((row) => ({
      recordId: row.record_id,
      position: row.position,
      disposition: row.disposition as BundleItemRange['disposition'],
      firstBates: row.first_bates,
      lastBates: row.last_bates,
      originalSha256s: JSON.parse(row.original_sha256s_json) as string[],
    }));
  }
}
