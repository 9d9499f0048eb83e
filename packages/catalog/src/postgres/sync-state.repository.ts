import type { Pool } from 'pg';
import type { SyncState } from '@verbatim/core';
import { StalePassError, UnknownReferenceError } from '../errors';
import { neverSynced, syncStateFromRow, type SyncStateRow } from '../common-row-mapping';
import { FOREIGN_KEY_VIOLATION, sqlStateOf, withTransaction, type Queryable } from './postgres-pool';

/**
 * One row per account: where its current pass stands. `pagesFetched` and `itemsSeen` count the current (or
 * last) pass and restart at zero with each new pass. A failed pass keeps its token and cursor so it can resume.
 * Every change is a single upsert or an update under the row's lock, so concurrent workers lose no count.
 */
export class SyncStateRepository {
  constructor(private readonly pool: Pool) {}

  async getSyncState(accountId: string): Promise<SyncState> {
    const { rows } = await this.pool.query<SyncStateRow>('SELECT * FROM sync_state WHERE account_id = $1', [accountId]);
    return rows.length ? syncStateFromRow(rows[0]) : neverSynced(accountId);
  }

  /** The account's existence is checked by the foreign key, atomically with the upsert. */
  async startPass(accountId: string, passNumber: number, passToken: string, cursor: string, at: string): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO sync_state (account_id, pass_number, pass_token, cursor, status, started_at)
        VALUES ($1, $2, $3, $4, 'running', $5)
        ON CONFLICT (account_id) DO UPDATE SET pass_number = excluded.pass_number, pass_token = excluded.pass_token,
          cursor = excluded.cursor, status = 'running', started_at = excluded.started_at, completed_at = NULL,
          last_error = NULL, pages_fetched = 0, items_seen = 0`,
        [accountId, passNumber, passToken, cursor, at],
      );
    } catch (error) {
      if (sqlStateOf(error) === FOREIGN_KEY_VIOLATION) throw new UnknownReferenceError('account', accountId);
      throw error;
    }
  }

  /**
   * Saves the cursor after a page, in the page's transaction. A page from a pass that is no longer current
   * must not move the current pass's cursor, so the update only applies while the pass numbers match.
   */
  async recordPage(
    client: Queryable,
    accountId: string,
    passNumber: number,
    cursor: string | null,
    items: number,
  ): Promise<void> {
    await client.query(
      `INSERT INTO sync_state (account_id, pass_number, cursor, status, pages_fetched, items_seen)
        VALUES ($1, $2, $3, 'running', 1, $4)
      ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, status = 'running',
        pages_fetched = sync_state.pages_fetched + 1, items_seen = sync_state.items_seen + excluded.items_seen
      WHERE sync_state.pass_number = excluded.pass_number`,
      [accountId, passNumber, cursor, items],
    );
  }

  /** Completing twice (a retried job) keeps the first completion time; a stale pass is refused. */
  async completePass(accountId: string, passNumber: number, at: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<SyncStateRow>('SELECT * FROM sync_state WHERE account_id = $1 FOR UPDATE', [
        accountId,
      ]);
      const current = rows.length ? rows[0] : null;
      if (current?.pass_number !== passNumber) {
        throw new StalePassError(
          `cannot complete pass ${passNumber} of account ${accountId}: its current pass is ${current?.pass_number ?? 0}`,
        );
      }
      if (current.status === 'completed') return;
      await client.query(
        `UPDATE sync_state SET status = 'completed', completed_at = $2, last_completed_at = $2,
          cursor = NULL, last_error = NULL, last_completed_pass_token = pass_token
        WHERE account_id = $1`,
        [accountId, at],
      );
    });
  }

  /** A stale pass (another began since) or a completed one is left as it is: there is no failure to record. */
  /** A pass that could not begin: its error on the state, the last pass (if any) as it was. */
  async failStart(accountId: string, error: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO sync_state (account_id, pass_number, status, last_error) VALUES ($1, 0, 'never', $2)
      ON CONFLICT (account_id) DO UPDATE SET last_error = excluded.last_error WHERE sync_state.status <> 'running'`,
      [accountId, error],
    );
  }

  async failPass(accountId: string, passNumber: number, error: string, at: string): Promise<void> {
    await this.pool.query(
      `UPDATE sync_state SET status = 'failed', last_error = $3, completed_at = $4
      WHERE account_id = $1 AND pass_number = $2 AND status <> 'completed'`,
      [accountId, passNumber, error, at],
    );
  }
}
