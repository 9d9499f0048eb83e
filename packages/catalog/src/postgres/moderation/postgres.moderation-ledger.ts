import type { Pool } from 'pg';
import type {
  LedgerChange,
  LedgerResolution,
  ModerationLedgerEntry,
  ModerationLedgerFilter,
  ModerationLedgerStore,
  ModerationNotice,
} from '@verbatim/core';
import { ledgerEntryFromRow, type LedgerRow } from '../../moderation-ledger-row-mapping';
import { OutboxRepository } from '../foia/outbox.repository';
import { withTransaction } from '../postgres-pool';

/** The moderation ledger in the catalog's PostgreSQL schema (migration 18). Takes a pool; does not own it. */
export class PostgresModerationLedger implements ModerationLedgerStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly pool: Pool) {
    this.outbox = new OutboxRepository(pool);
  }

  async listUnledgered(limit: number): Promise<Array<{ recordId: string; change: LedgerChange }>> {
    const { rows } = await this.pool.query<{ recordId: string; change: LedgerChange }>(
      `SELECT r.id AS "recordId", r.status AS change FROM records r
      WHERE r.status IN ('hidden', 'deleted')
        AND NOT EXISTS (SELECT 1 FROM moderation_ledger l WHERE l.record_id = r.id AND l.change = r.status)
      ORDER BY r.seq LIMIT $1`,
      [limit],
    );
    return rows;
  }

  async recordEntry(
    entry: ModerationLedgerEntry,
    notices: ModerationNotice[],
    at: string,
  ): Promise<ModerationLedgerEntry | null> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<LedgerRow>(
        `INSERT INTO moderation_ledger (id, record_id, account_id, change, detected_at, review_id, unreviewed)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (record_id, change) DO NOTHING RETURNING *`,
        [entry.id, entry.recordId, entry.accountId, entry.change, entry.detectedAt, entry.reviewId, entry.unreviewed],
      );
      if (rows.length === 0) return null;
      await this.outbox.add(client, { accountId: entry.accountId }, notices, at);
      return ledgerEntryFromRow(rows[0]);
    });
  }

  async listEntries(filter: ModerationLedgerFilter = {}): Promise<ModerationLedgerEntry[]> {
    const { rows } = await this.pool.query<LedgerRow>(
      `SELECT * FROM moderation_ledger
      WHERE ($1::text IS NULL OR account_id = $1) AND ($2::text IS NULL OR detected_at >= $2)
        AND ($3::text IS NULL OR detected_at < $3) AND (NOT $4 OR (unreviewed AND resolution IS NULL))
      ORDER BY detected_at COLLATE "C", seq`,
      [filter.accountId ?? null, filter.from ?? null, filter.to ?? null, filter.openOnly ?? false],
    );
    return rows.map(ledgerEntryFromRow);
  }

  async getEntry(id: string): Promise<ModerationLedgerEntry | null> {
    const { rows } = await this.pool.query<LedgerRow>('SELECT * FROM moderation_ledger WHERE id = $1', [id]);
    return rows.length ? ledgerEntryFromRow(rows[0]) : null;
  }

  async resolve(id: string, resolution: LedgerResolution): Promise<ModerationLedgerEntry | null> {
    const { rows } = await this.pool.query<LedgerRow>(
      'UPDATE moderation_ledger SET resolution = $2::jsonb WHERE id = $1 RETURNING *',
      [id, JSON.stringify(resolution)],
    );
    return rows.length ? ledgerEntryFromRow(rows[0]) : null;
  }
}
