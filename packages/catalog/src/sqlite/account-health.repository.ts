import type Database from 'better-sqlite3';
import type { AccountHealthState } from '@verbatim/core';
import type { AnnouncedHealth } from '@verbatim/foia';

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

/** The health IT was last told of, per account; written with the outbox rows announcing it (see SqliteFoiaStore). */
export class AccountHealthRepository {
  private readonly selectOne: Database.Statement<[string], AccountHealthRow>;
  private readonly upsert: Database.Statement<[string, string, string | null, string]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM account_health WHERE account_id = ?');
    this.upsert = db.prepare(`INSERT INTO account_health (account_id, state, problem, changed_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, problem = excluded.problem,
        changed_at = excluded.changed_at`);
  }

  get(accountId: string): AnnouncedHealth | null {
    const row = this.selectOne.get(accountId);
    return row ? fromRow(row) : null;
  }

  /** Call inside the caller's transaction. */
  put(health: AnnouncedHealth): void {
    this.upsert.run(health.accountId, health.state, health.problem, health.changedAt);
  }
}
