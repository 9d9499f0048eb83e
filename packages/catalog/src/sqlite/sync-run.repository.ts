import type Database from 'better-sqlite3';
import type { SyncRun } from '@verbatim/core';
import { SYNC_RUN_COLUMNS, syncRunFromRow, syncRunValues, type SyncRunRow } from '../sync-run-row-mapping';

/** Each sync run of an account and what it captured; append-only. */
export class SyncRunRepository {
  private readonly insert: Database.Statement<unknown[]>;
  private readonly selectRecent: Database.Statement<[string, number], SyncRunRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO sync_runs (${SYNC_RUN_COLUMNS}) VALUES (${SYNC_RUN_COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
    );
    this.selectRecent = db.prepare(
      `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE account_id = ? ORDER BY seq DESC LIMIT ?`,
    );
  }

  record(run: SyncRun): void {
    this.insert.run(...syncRunValues(run, (value) => (value ? 1 : 0)));
  }

  listRecent(accountId: string, limit: number): SyncRun[] {
    return this.selectRecent.all(accountId, limit).map(syncRunFromRow);
  }
}
