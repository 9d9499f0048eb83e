import type { Pool } from 'pg';
import type { CaptureChain } from '@verbatim/core';
import type { Queryable } from '../postgres-pool';

/** A lock per account, taken for the rest of the transaction, so its chain grows one link at a time. */
const LOCK_ACCOUNT_CHAIN = `SELECT pg_advisory_xact_lock(hashtextextended('capture-chain:' || $1, 0))`;

const APPEND_LINK = `INSERT INTO capture_chain (account_id, position, sha256, previous_sha256)
  SELECT $1, COALESCE(MAX(position), 0) + 1, $2,
    (SELECT sha256 FROM capture_chain WHERE account_id = $1 ORDER BY position DESC LIMIT 1)
  FROM capture_chain WHERE account_id = $1`;

interface LinkRow {
  position: string;
  sha256: string;
  previous_sha256: string | null;
  key: string | null;
  captured_at: string | null;
}

/**
 * Appends to and reads the capture chain. Workers apply pages of one account at once, so an append takes the
 * account's chain lock first; it is the last thing a page's transaction does, so the lock is held only until
 * the commit, and the chain's order is the order the captures committed.
 */
export class CaptureChainRepository {
  constructor(private readonly pool: Pool) {}

  /** Timestamps come back as ISO-8601 strings (the pool's type parser). Links a capture just inserted, in the caller's transaction, after the account's last one. */
  async append(client: Queryable, accountId: string, sha256: string): Promise<void> {
    await client.query(LOCK_ACCOUNT_CHAIN, [accountId]);
    await client.query(APPEND_LINK, [accountId, sha256]);
  }

  async listArchivedMedia(accountId: string): Promise<Array<{ sha256: string; key: string }>> {
    const { rows } = await this.pool.query<{ sha256: string; key: string }>(
      `SELECT DISTINCT attachment->>'sha256' AS sha256, attachment->>'archiveKey' AS key FROM archived_media
       WHERE account_id = $1 AND attachment->>'archiveKey' IS NOT NULL ORDER BY key`,
      [accountId],
    );
    return rows;
  }

  async read(accountId: string): Promise<CaptureChain> {
    const { rows } = await this.pool.query<LinkRow>(
      `SELECT l.position, l.sha256, l.previous_sha256, c.key, c.captured_at
       FROM capture_chain l LEFT JOIN raw_captures c ON c.sha256 = l.sha256
       WHERE l.account_id = $1 ORDER BY l.position`,
      [accountId],
    );
    const { rows: unlinked } = await this.pool.query<{ sha256: string; key: string; captured_at: string }>(
      `SELECT c.sha256, c.key, c.captured_at FROM raw_captures c
       WHERE c.account_id = $1 AND NOT EXISTS (SELECT 1 FROM capture_chain l WHERE l.sha256 = c.sha256)
       ORDER BY c.captured_at, c.sha256`,
      [accountId],
    );
    return {
      accountId,
      links: rows.map((row) => ({
        position: Number(row.position),
        sha256: row.sha256,
        previousSha256: row.previous_sha256,
        capture: row.key === null ? null : { key: row.key, capturedAt: row.captured_at! },
      })),
      unlinked: unlinked.map((row) => ({
        sha256: row.sha256,
        key: row.key,
        capturedAt: row.captured_at,
      })),
    };
  }
}
