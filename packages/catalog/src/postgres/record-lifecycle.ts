import type { Pool } from 'pg';
import type { IndexedRevision, SearchDocument } from '@verbatim/core';
import type { AccountRepository } from './account.repository';
import { withTransaction } from './postgres-pool';
import { SEARCH_DOCUMENT_COLUMNS, searchDocumentFromRow, type SearchDocumentRow } from './row-mapping';

/** Locked in platform-id order, like applyPage, so tombstoning and a page touching the same records queue. */
const LOCK_LIVE_RECORDS = `SELECT seq FROM records
  WHERE id = ANY($1::text[]) AND account_id = $2 AND status <> 'deleted' ORDER BY platform_id FOR NO KEY UPDATE`;

/** The tombstone keeps when the record was last seen; its status becomes deleted; it is queued for indexing. */
const TOMBSTONE = `WITH gone AS (
    UPDATE records SET status = 'deleted', revision = revision + 1 WHERE seq = ANY($1::bigint[]) AND status <> 'deleted'
    RETURNING seq, ${SEARCH_DOCUMENT_COLUMNS}, last_seen_at
  ), tombstoned AS (
    INSERT INTO tombstones (record_seq, detected_at, last_seen_at, reason)
    SELECT seq, $2, last_seen_at, 'deleted-on-platform' FROM gone
  ), queued AS (
    INSERT INTO index_backlog (record_seq, record_id) SELECT seq, id FROM gone ON CONFLICT DO NOTHING
  )
  SELECT * FROM gone ORDER BY seq`;

/**
 * Writes outside the page path: tombstoning records confirmed gone, and the index backlog that tells the search
 * index which documents are out of date. The backlog is keyed by record seq, so "oldest first" means in
 * record-creation order; a record re-queued while still queued keeps its place.
 */
export class RecordLifecycle {
  constructor(
    private readonly pool: Pool,
    private readonly accounts: AccountRepository,
  ) {}

  /**
   * Tombstones records of the account; ids of other accounts, unknown ids and records already deleted are
   * skipped, so repeating the call changes nothing and returns no documents.
   */
  async markGone(accountId: string, recordIds: string[], detectedAt: string): Promise<SearchDocument[]> {
    if (recordIds.length === 0) return [];
    return withTransaction(this.pool, async (client) => {
      // No account, no records of it: the lock is taken so a move to another agency cannot interleave.
      if (!(await this.accounts.shareLockAccount(client, accountId))) return [];
      const locked = await client.query<{ seq: number }>(LOCK_LIVE_RECORDS, [recordIds, accountId]);
      if (locked.rows.length === 0) return [];
      const { rows } = await client.query<SearchDocumentRow>(TOMBSTONE, [
        locked.rows.map((row) => row.seq),
        detectedAt,
      ]);
      return rows.map(searchDocumentFromRow);
    });
  }

  async listIndexBacklog(limit: number): Promise<SearchDocument[]> {
    const { rows } = await this.pool.query<SearchDocumentRow>(
      `SELECT ${SEARCH_DOCUMENT_COLUMNS}
      FROM index_backlog b JOIN records r ON r.seq = b.record_seq ORDER BY b.record_seq LIMIT $1`,
      [limit],
    );
    return rows.map(searchDocumentFromRow);
  }

  /** Clears only records still at the indexed revision: one changed meanwhile stays queued for its newer state. */
  async clearIndexBacklog(indexed: IndexedRevision[]): Promise<void> {
    if (indexed.length === 0) return;
    await this.pool.query(
      `DELETE FROM index_backlog b USING records r, unnest($1::text[], $2::integer[]) AS c (id, revision)
      WHERE b.record_id = c.id AND r.seq = b.record_seq AND r.revision = c.revision`,
      [indexed.map((document) => document.id), indexed.map((document) => document.revision)],
    );
  }
}
