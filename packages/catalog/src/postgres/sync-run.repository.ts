import type { Pool } from 'pg';
import type { SyncRun } from '@verbatim/core';
import { SYNC_RUN_COLUMNS, syncRunFromRow, syncRunValues, type SyncRunRow } from '../sync-run-row-mapping';

const INSERT = `INSERT INTO sync_runs (${SYNC_RUN_COLUMNS})
  VALUES (${SYNC_RUN_COLUMNS.split(',')
    .map((_, index) => `$${index + 1}`)
    .join(', ')})`;

/** Each sync run of an account and what it captured; append-only. */
export class SyncRunRepository {
  constructor(private readonly pool: Pool) {}

  async record(run: SyncRun): Promise<void> {
    await this.pool.query(
      INSERT,
      syncRunValues(run, (value) => value),
    );
  }

  async listRecent(accountId: string, limit: number): Promise<SyncRun[]> {
    const { rows } = await this.pool.query<SyncRunRow>(
      `SELECT ${SYNC_RUN_COLUMNS} FROM sync_runs WHERE account_id = $1 ORDER BY seq DESC LIMIT $2`,
      [accountId, limit],
    );
    return rows.map(syncRunFromRow);
  }
}
