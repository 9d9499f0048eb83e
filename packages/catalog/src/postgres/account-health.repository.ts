import type { Pool } from 'pg';
import type { AccountHealthState } from '@verbatim/core';
import type { AnnouncedHealth } from '@verbatim/foia';
import type { Queryable } from './postgres-pool';

interface AccountHealthRow {
  account_id: string;
  state: AccountHealthState;
  problem: string | null;
  changed_at: string;
}

const fromRow = (row: AccountHealthRow): AnnouncedHealth => ({
  accountId: row.account_id,
  state: row.state,
  problem: row.problem,
  changedAt: row.changed_at,
});

/** The health IT was last told of, per account; written with the outbox rows announcing it (see PostgresFoiaStore). */
export class AccountHealthRepository {
  constructor(private readonly pool: Pool) {}

  async get(accountId: string, client: Queryable = this.pool): Promise<AnnouncedHealth | null> {
    const { rows } = await client.query<AccountHealthRow>('SELECT * FROM account_health WHERE account_id = $1', [
      accountId,
    ]);
    return rows.length ? fromRow(rows[0]) : null;
  }

  /**
   * Inside the caller's transaction: the account's row locked until it ends, so concurrent checks of one account
   * take turns. Null when none exists.
   */
  async lock(client: Queryable, accountId: string): Promise<AnnouncedHealth | null> {
    const { rows } = await client.query<AccountHealthRow>(
      'SELECT * FROM account_health WHERE account_id = $1 FOR UPDATE',
      [accountId],
    );
    return rows.length ? fromRow(rows[0]) : null;
  }

  /** Inside the caller's transaction: false when a row for the account exists (another check wrote it first). */
  async insertIfAbsent(client: Queryable, health: AnnouncedHealth): Promise<boolean> {
    const { rowCount } = await client.query(
      `INSERT INTO account_health (account_id, state, problem, changed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (account_id) DO NOTHING`,
      [health.accountId, health.state, health.problem, health.changedAt],
    );
    return rowCount === 1;
  }

  /** Inside the caller's transaction, on a row `lock` returned. */
  async update(client: Queryable, health: AnnouncedHealth): Promise<void> {
    await client.query('UPDATE account_health SET state = $2, problem = $3, changed_at = $4 WHERE account_id = $1', [
      health.accountId,
      health.state,
      health.problem,
      health.changedAt,
    ]);
  }
}
