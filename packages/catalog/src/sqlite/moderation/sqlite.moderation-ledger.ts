import type Database from 'better-sqlite3';
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

type StoredLedgerRow = Omit<LedgerRow, 'unreviewed' | 'resolution'> & {
  unreviewed: number;
  resolution_json: string | null;
};

const parse = (row: StoredLedgerRow): ModerationLedgerEntry =>
  ledgerEntryFromRow({
    ...row,
    unreviewed: row.unreviewed === 1,
    resolution: row.resolution_json ? (JSON.parse(row.resolution_json) as LedgerResolution) : null,
  });

/** The moderation ledger in the catalog's SQLite file (migration 21). */
export class SqliteModerationLedger implements ModerationLedgerStore {
  private readonly outbox: OutboxRepository;

  constructor(private readonly db: Database.Database) {
    this.outbox = new OutboxRepository(db);
  }

  async listUnledgered(limit: number): Promise<Array<{ recordId: string; change: LedgerChange }>> {
    return this.db
      .prepare(
        `SELECT r.id AS recordId, r.status AS change FROM records r
        WHERE r.status IN ('hidden', 'deleted')
          AND NOT EXISTS (SELECT 1 FROM moderation_ledger l WHERE l.record_id = r.id AND l.change = r.status)
        ORDER BY r.seq LIMIT ?`,
      )
      .all(limit) as Array<{ recordId: string; change: LedgerChange }>;
  }

  async recordEntry(
    entry: ModerationLedgerEntry,
    notices: ModerationNotice[],
    at: string,
  ): Promise<ModerationLedgerEntry | null> {
    const inserted = this.db
      .transaction((): boolean => {
        const { changes } = this.db
          .prepare(
            `INSERT INTO moderation_ledger (id, record_id, account_id, change, detected_at, review_id, unreviewed,
              resolution_json) VALUES (?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (record_id, change) DO NOTHING`,
          )
          .run(
            entry.id,
            entry.recordId,
            entry.accountId,
            entry.change,
            entry.detectedAt,
            entry.reviewId,
            entry.unreviewed ? 1 : 0,
          );
        if (changes === 0) return false;
        this.outbox.add({ accountId: entry.accountId }, notices, at);
        return true;
      })
      .immediate();
    return inserted ? this.getEntry(entry.id) : null;
  }

  async listEntries(filter: ModerationLedgerFilter = {}): Promise<ModerationLedgerEntry[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM moderation_ledger
        WHERE (@accountId IS NULL OR account_id = @accountId) AND (@from IS NULL OR detected_at >= @from)
          AND (@to IS NULL OR detected_at < @to) AND (@openOnly = 0 OR (unreviewed = 1 AND resolution_json IS NULL))
        ORDER BY detected_at, seq`,
      )
      .all({
        accountId: filter.accountId ?? null,
        from: filter.from ?? null,
        to: filter.to ?? null,
        openOnly: filter.openOnly ? 1 : 0,
      }) as StoredLedgerRow[];
    return rows.map(parse);
  }

  async getEntry(id: string): Promise<ModerationLedgerEntry | null> {
    const row = this.db.prepare('SELECT * FROM moderation_ledger WHERE id = ?').get(id) as StoredLedgerRow | undefined;
    return row ? parse(row) : null;
  }

  async resolve(id: string, resolution: LedgerResolution): Promise<ModerationLedgerEntry | null> {
    const { changes } = this.db
      .prepare('UPDATE moderation_ledger SET resolution_json = ? WHERE id = ?')
      .run(JSON.stringify(resolution), id);
    return changes === 1 ? this.getEntry(id) : null;
  }
}
