import type { Pool } from 'pg';
import { newId } from '@verbatim/core';
import type {
  Bundle,
  BundleItemRange,
  BundleProgress,
  BundleStore,
  CompletedBundle,
  UnredactedOccurrence,
} from '@verbatim/foia';
import { withTransaction, type Queryable } from '../postgres-pool';
import { bundleFromRow, bundleItemFromRow, type BundleItemRow, type BundleRow } from './bundle-row-mapping';

const COMPLETE_BUNDLE = `UPDATE bundles SET status = 'completed', progress = NULL, bates_first = $2, bates_last = $3, pages = $4,
    sha256 = $5, zip_sha256 = $6, pdf_key = $7, zip_key = $8, input_key = $9, error = NULL, unredacted = NULL, completed_at = $10
  WHERE id = $1`;

/** All of a bundle's items in one statement, from one jsonb array of BundleItemRange. */
const INSERT_ITEMS = `INSERT INTO bundle_items (bundle_id, position, record_id, disposition, first_bates, last_bates, original_sha256s)
  SELECT $1, item."position", item."recordId", item.disposition, item."firstBates", item."lastBates", item."originalSha256s"
  FROM jsonb_to_recordset($2::jsonb) AS item("position" integer, "recordId" text, disposition text, "firstBates" text,
    "lastBates" text, "originalSha256s" jsonb)`;

/**
 * Bundles in the catalog's PostgreSQL schema (migration 4). Completed bundles, their items and the counters'
 * history are protected by triggers; the code never attempts what they refuse. Takes a pool on a migrated
 * schema; does not own it.
 */
export class PostgresBundleStore implements BundleStore {
  constructor(private readonly pool: Pool) {}

  async createBundle(input: {
    requestId: string;
    batesPrefix: string;
    createdBy: string;
    at: string;
  }): Promise<Bundle> {
    const { rows } = await this.pool.query<BundleRow>(
      `INSERT INTO bundles (id, request_id, status, bates_prefix, created_at, created_by)
      VALUES ($1, $2, 'queued', $3, $4, $5) RETURNING *`,
      [newId('bundle'), input.requestId, input.batesPrefix, input.at, input.createdBy],
    );
    return bundleFromRow(rows[0]);
  }

  async getBundle(id: string): Promise<Bundle | null> {
    const { rows } = await this.pool.query<BundleRow>('SELECT * FROM bundles WHERE id = $1', [id]);
    return rows.length ? bundleFromRow(rows[0]) : null;
  }

  /** Oldest first. */
  async listBundles(requestId: string): Promise<Bundle[]> {
    const { rows } = await this.pool.query<BundleRow>(
      'SELECT * FROM bundles WHERE request_id = $1 ORDER BY created_at, seq',
      [requestId],
    );
    return rows.map(bundleFromRow);
  }

  /** Ignored once the bundle is completed. */
  async markBuilding(id: string, progress: BundleProgress): Promise<void> {
    await this.pool.query(
      `UPDATE bundles SET status = 'building', progress = $2::jsonb, error = NULL, unredacted = NULL
      WHERE id = $1 AND status <> 'completed'`,
      [id, JSON.stringify(progress)],
    );
  }

  async nextBatesNumber(prefix: string): Promise<number> {
    const { rows } = await this.pool.query<{ last_number: number }>(
      'SELECT last_number FROM bates_counters WHERE prefix = $1',
      [prefix],
    );
    return (rows[0]?.last_number ?? 0) + 1;
  }

  /**
   * One transaction: the bundle row is locked (a second completion of the same bundle waits, then finds it
   * completed and throws), the range is taken by compare-and-swap on the counter, then the bundle and its
   * items are written. A concurrent bundle that took numbers first makes the swap miss: false, nothing written.
   */
  async completeBundle(id: string, completed: CompletedBundle): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ bates_prefix: string; status: string }>(
        'SELECT bates_prefix, status FROM bundles WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (rows.length === 0) throw new Error(`bundle ${id} does not exist`);
      if (rows[0].status === 'completed')
        throw new Error(`bundle ${id} is already completed; a completed bundle never changes`);
      const last = completed.batesFirst + completed.pages - 1;
      if (!(await takeBatesRange(client, rows[0].bates_prefix, completed.batesFirst, last))) return false;
      await client.query(COMPLETE_BUNDLE, [
        id,
        completed.batesFirst,
        last,
        completed.pages,
        completed.sha256,
        completed.zipSha256,
        completed.pdfKey,
        completed.zipKey,
        completed.inputKey,
        completed.at,
      ]);
      await client.query(INSERT_ITEMS, [id, JSON.stringify(completed.items)]);
      return true;
    });
  }

  /** Ignored once the bundle is completed. */
  async failBundle(id: string, error: string, at: string, unredacted?: UnredactedOccurrence[]): Promise<void> {
    await this.pool.query(
      `UPDATE bundles SET status = 'failed', error = $2, completed_at = $3, unredacted = $4::jsonb
      WHERE id = $1 AND status <> 'completed'`,
      [id, error, at, unredacted ? JSON.stringify(unredacted) : null],
    );
  }

  /** In the order they appear in the bundle. */
  async listBundleItems(bundleId: string): Promise<BundleItemRange[]> {
    const { rows } = await this.pool.query<BundleItemRow>(
      'SELECT * FROM bundle_items WHERE bundle_id = $1 ORDER BY position',
      [bundleId],
    );
    return rows.map(bundleItemFromRow);
  }
}

/**
 * Moves the prefix's counter from `first - 1` to `last`, or does nothing and returns false when it stands
 * elsewhere. Under READ COMMITTED a concurrent swap makes this one wait, then re-check the condition against the
 * committed row, so two bundles can never both take the same numbers.
 */
async function takeBatesRange(client: Queryable, prefix: string, first: number, last: number): Promise<boolean> {
  const expected = first - 1;
  const { rowCount } =
    expected === 0
      ? await client.query(
          `INSERT INTO bates_counters (prefix, last_number) VALUES ($1, $2)
        ON CONFLICT (prefix) DO UPDATE SET last_number = excluded.last_number WHERE bates_counters.last_number = 0`,
          [prefix, last],
        )
      : await client.query('UPDATE bates_counters SET last_number = $3 WHERE prefix = $1 AND last_number = $2', [
          prefix,
          expected,
          last,
        ]);
  return rowCount === 1;
}
