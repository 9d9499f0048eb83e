import type Database from 'better-sqlite3';
import {
  AccountPatchSchema,
  NewAccountSchema,
  NewAgencySchema,
  newId,
  type Account,
  type AccountPatch,
  type AccountStatus,
  type Agency,
  type NewAccount,
  type NewAgency,
} from '@verbatim/core';
import { UnknownReferenceError } from '../errors';
import { accountFromRow, agencyFromRow, type AccountRow, type AgencyRow } from './row-mapping';

/** How each patchable account field is stored. */
const PATCH_COLUMNS: {
  [K in keyof AccountPatch]-?: { column: string; toSql(value: NonNullable<AccountPatch[K]>): unknown };
} = {
  agencyId: { column: 'agency_id', toSql: (value) => value },
  handle: { column: 'handle', toSql: (value) => value },
  displayName: { column: 'display_name', toSql: (value) => value },
  url: { column: 'url', toSql: (value) => value },
  status: { column: 'status', toSql: (value) => value },
  connector: { column: 'connector_json', toSql: (value) => JSON.stringify(value) },
  syncIntervalMinutes: { column: 'sync_interval_minutes', toSql: (value) => value },
  administrators: { column: 'administrators_json', toSql: (value) => JSON.stringify(value) },
  moderators: { column: 'moderators_json', toSql: (value) => JSON.stringify(value) },
};

/** Agencies and the social media accounts they own. Inputs are re-validated: the catalog trusts no caller. */
export class AccountRepository {
  private readonly insertAgency: Database.Statement;
  private readonly selectAgency: Database.Statement<[string], AgencyRow>;
  private readonly insertAccount: Database.Statement;
  private readonly selectAccount: Database.Statement<[string], AccountRow>;

  constructor(private readonly db: Database.Database) {
    this.insertAgency = db.prepare('INSERT INTO agencies (id, name, kind, created_at) VALUES (?, ?, ?, ?)');
    this.selectAgency = db.prepare('SELECT * FROM agencies WHERE id = ?');
    this.insertAccount = db.prepare(`INSERT INTO accounts (id, agency_id, platform, handle, display_name, url, status,
      connector_json, sync_interval_minutes, administrators_json, moderators_json, created_at, updated_at)
      VALUES (@id, @agency_id, @platform, @handle, @display_name, @url, @status, @connector_json,
      @sync_interval_minutes, @administrators_json, @moderators_json, @created_at, @updated_at)`);
    this.selectAccount = db.prepare('SELECT * FROM accounts WHERE id = ?');
  }

  createAgency(input: NewAgency): Agency {
    const agency: Agency = {
      ...NewAgencySchema.parse(input),
      id: newId('agency'),
      createdAt: new Date().toISOString(),
    };
    this.insertAgency.run(agency.id, agency.name, agency.kind, agency.createdAt);
    return agency;
  }

  getAgency(id: string): Agency | null {
    const row = this.selectAgency.get(id);
    return row ? agencyFromRow(row) : null;
  }

  listAgencies(): Agency[] {
    return this.db.prepare<[], AgencyRow>('SELECT * FROM agencies ORDER BY name, id').all().map(agencyFromRow);
  }

  createAccount(input: NewAccount): Account {
    const parsed = NewAccountSchema.parse(input);
    this.requireAgency(parsed.agencyId);
    const at = new Date().toISOString();
    const account: Account = { ...parsed, id: newId('account'), createdAt: at, updatedAt: at };
    this.insertAccount.run({
      id: account.id,
      agency_id: account.agencyId,
      platform: account.platform,
      handle: account.handle,
      display_name: account.displayName ?? null,
      url: account.url ?? null,
      status: account.status,
      connector_json: JSON.stringify(account.connector),
      sync_interval_minutes: account.syncIntervalMinutes,
      administrators_json: JSON.stringify(account.administrators),
      moderators_json: JSON.stringify(account.moderators),
      created_at: account.createdAt,
      updated_at: account.updatedAt,
    });
    return account;
  }

  getAccount(id: string): Account | null {
    const row = this.selectAccount.get(id);
    return row ? accountFromRow(row) : null;
  }

  listAccounts(filter: { agencyId?: string; status?: AccountStatus[] } = {}): Account[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agencyId !== undefined) {
      where.push('agency_id = ?');
      params.push(filter.agencyId);
    }
    if (filter.status !== undefined) {
      where.push('status IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.status));
    }
    const sql = `SELECT * FROM accounts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    return this.db
      .prepare<unknown[], AccountRow>(sql)
      .all(...params)
      .map(accountFromRow);
  }

  /**
   * Applies only the fields present in the patch. Moving an account to another agency moves its records too
   * (their documents are re-queued for indexing), so search by agency always follows the account's owner.
   */
  updateAccount(id: string, patch: AccountPatch): Account | null {
    const parsed = AccountPatchSchema.parse(patch);
    const update = this.db.transaction((): Account | null => {
      const existing = this.selectAccount.get(id);
      if (!existing) return null;
      const assignments = this.patchAssignments(parsed);
      if (parsed.agencyId !== undefined && parsed.agencyId !== existing.agency_id) {
        this.requireAgency(parsed.agencyId);
        this.moveRecordsToAgency(id, parsed.agencyId);
      }
      const columns = [...assignments.keys(), 'updated_at'];
      const sql = `UPDATE accounts SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`;
      this.db.prepare(sql).run(...assignments.values(), new Date().toISOString(), id);
      return accountFromRow(this.selectAccount.get(id)!);
    });
    return update.immediate();
  }

  /** Throws UnknownReferenceError unless the account exists; returns what applyPage needs of it. */
  requireAccount(id: string): Pick<Account, 'id' | 'agencyId' | 'platform'> {
    const row = this.selectAccount.get(id);
    if (!row) throw new UnknownReferenceError('account', id);
    return { id: row.id, agencyId: row.agency_id, platform: row.platform };
  }

  private requireAgency(id: string): void {
    if (!this.selectAgency.get(id)) throw new UnknownReferenceError('agency', id);
  }

  private patchAssignments(patch: AccountPatch): Map<string, unknown> {
    const assignments = new Map<string, unknown>();
    for (const key of Object.keys(PATCH_COLUMNS) as Array<keyof AccountPatch>) {
      const value = patch[key];
      if (value === undefined) continue;
      const { column, toSql } = PATCH_COLUMNS[key] as { column: string; toSql: (value: unknown) => unknown };
      assignments.set(column, toSql(value));
    }
    return assignments;
  }

  private moveRecordsToAgency(accountId: string, agencyId: string): void {
    this.db
      .prepare('UPDATE records SET agency_id = ?, revision = revision + 1 WHERE account_id = ?')
      .run(agencyId, accountId);
    this.db
      .prepare(
        'INSERT OR IGNORE INTO index_backlog (record_seq, record_id) SELECT seq, id FROM records WHERE account_id = ?',
      )
      .run(accountId);
  }
}
