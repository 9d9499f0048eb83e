import type Database from 'better-sqlite3';
import type { SyncState } from '@verbatim/core';
import { StalePassError } from '../errors';
import { neverSynced, syncStateFromRow, type SyncStateRow } from '../common-row-mapping';

/**
 * One row per account: where its current pass stands. `pagesFetched` and `itemsSeen` count the current (or
 * last) pass and restart at zero with each new pass. A failed pass keeps its token and cursor so it can resume.
 */
export class SyncStateRepository {
  private readonly select: Database.Statement<[string], SyncStateRow>;
  private readonly start: Database.Statement;
  private readonly complete: Database.Statement;
  private readonly fail: Database.Statement;
  private readonly failToStart: Database.Statement;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM sync_state WHERE account_id = ?');
    this.start = db.prepare(`INSERT INTO sync_state (account_id, pass_number, pass_token, cursor, status, started_at)
      VALUES (@accountId, @passNumber, @passToken, @cursor, 'running', @at)
      ON CONFLICT (account_id) DO UPDATE SET pass_number = excluded.pass_number, pass_token = excluded.pass_token,
        cursor = excluded.cursor, status = 'running', started_at = excluded.started_at, completed_at = NULL,
        last_error = NULL, pages_fetched = 0, items_seen = 0`);
    // Completing twice (a retried job) keeps the first completion time.
    this.complete = db.prepare(`UPDATE sync_state SET
        completed_at = CASE WHEN status = 'completed' THEN completed_at ELSE @at END,
        last_completed_at = CASE WHEN status = 'completed' THEN last_completed_at ELSE @at END,
        status = 'completed', cursor = NULL, last_error = NULL, last_completed_pass_token = pass_token
      WHERE account_id = @accountId AND pass_number = @passNumber`);
    this.fail = db.prepare(`UPDATE sync_state SET status = 'failed', last_error = @error, completed_at = @at
      WHERE account_id = @accountId AND pass_number = @passNumber AND status <> 'completed'`);
    this.failToStart = db.prepare(`INSERT INTO sync_state (account_id, pass_number, status, last_error)
      VALUES (@accountId, 0, 'never', @error)
      ON CONFLICT (account_id) DO UPDATE SET last_error = excluded.last_error WHERE sync_state.status <> 'running'`);
  }

  getSyncState(accountId: string): SyncState {
    const row = this.select.get(accountId);
    return row ? syncStateFromRow(row) : neverSynced(accountId);
  }

  startPass(accountId: string, passNumber: number, passToken: string, cursor: string, at: string): void {
    this.start.run({ accountId, passNumber, passToken, cursor, at });
  }

  completePass(accountId: string, passNumber: number, at: string): void {
    const { changes } = this.complete.run({ accountId, passNumber, at });
    if (changes === 0) {
      const current = this.getSyncState(accountId).passNumber;
      throw new StalePassError(
        `cannot complete pass ${passNumber} of account ${accountId}: its current pass is ${current}`,
      );
    }
  }

  /** A stale pass (another began since) or a completed one is left as it is: there is no failure to record. */
  failPass(accountId: string, passNumber: number, error: string, at: string): void {
    this.fail.run({ accountId, passNumber, error, at });
  }

  /** A pass that could not begin: its error on the state, the last pass (if any) as it was. */
  failStart(accountId: string, error: string): void {
    this.failToStart.run({ accountId, error });
  }
}
