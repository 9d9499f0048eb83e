import type { Pool, PoolClient } from 'pg';
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
import { FOREIGN_KEY_VIOLATION, sqlStateOf, withTransaction, type Queryable } from './postgres-pool';
import { accountFromRow, agencyFromRow, type AccountRow, type AgencyRow } from './row-mapping';

/** How each patchable account field is stored; JSON fields are sent as text and cast to jsonb. */
const PATCH_COLUMNS: {
  [K in keyof AccountPatch]-?: { column: string; cast?: string; toSql(value: NonNullable<AccountPatch[K]>): unknown };
} = {
  agencyId: { column: 'agency_id', toSql: (value) => value },
  handle: { column: 'handle', toSql: (value) => value },
  displayName: { column: 'display_name', toSql: (value) => value },
  url: { column: 'url', toSql: (value) => value },
  status: { column: 'status', toSql: (value) => value },
  connector: { column: 'connector', cast: '::jsonb', toSql: (value) => JSON.stringify(value) },
  syncIntervalMinutes: { column: 'sync_interval_minutes', toSql: (value) => value },
  administrators: { column: 'administrators', cast: '::jsonb', toSql: (value) => JSON.stringify(value) },
  moderators: { column: 'moderators', cast: '::jsonb', toSql: (value) => JSON.stringify(value) },
};

/** What applyPage needs of an account. */
export type AccountContext = Pick<Account, 'id' | 'agencyId' | 'platform'>;

/**
 * Agencies and the social media accounts they own. Inputs are re-validated: the catalog trusts no caller.
 * Writers to an account's records hold a share lock on its row (`shareLockAccount`) and moving the
 * account to another agency takes the exclusive one, so records are never written under the old agency
 * while they are being moved.
 */
export class AccountRepository {
  constructor(private readonly pool: Pool) {}

  async createAgency(input: NewAgency): Promise<Agency> {
    const agency: Agency = {
      ...NewAgencySchema.parse(input),
      id: newId('agency'),
      createdAt: new Date().toISOString(),
    };
    await this.pool.query('INSERT INTO agencies (id, name, kind, created_at) VALUES ($1, $2, $3, $4)', [
      agency.id,
      agency.name,
      agency.kind,
      agency.createdAt,
    ]);
    return agency;
  }

  async getAgency(id: string): Promise<Agency | null> {
    const { rows } = await this.pool.query<AgencyRow>('SELECT * FROM agencies WHERE id = $1', [id]);
    return rows.length ? agencyFromRow(rows[0]) : null;
  }

  async listAgencies(): Promise<Agency[]> {
    const { rows } = await this.pool.query<AgencyRow>('SELECT * FROM agencies ORDER BY name, id');
    return rows.map(agencyFromRow);
  }

  /** The agency's existence is checked by the foreign key, atomically with the insert. */
  async createAccount(input: NewAccount): Promise<Account> {
    const parsed = NewAccountSchema.parse(input);
    const at = new Date().toISOString();
    const account: Account = { ...parsed, id: newId('account'), createdAt: at, updatedAt: at };
    try {
      await this.pool.query(
        `INSERT INTO accounts (id, agency_id, platform, handle, display_name, url, status, connector,
          sync_interval_minutes, administrators, moderators, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11::jsonb, $12, $13)`,
        [
          account.id,
          account.agencyId,
          account.platform,
          account.handle,
          account.displayName ?? null,
          account.url ?? null,
          account.status,
          JSON.stringify(account.connector),
          account.syncIntervalMinutes,
          JSON.stringify(account.administrators),
          JSON.stringify(account.moderators),
          account.createdAt,
          account.updatedAt,
        ],
      );
    } catch (error) {
      if (sqlStateOf(error) === FOREIGN_KEY_VIOLATION) throw new UnknownReferenceError('agency', account.agencyId);
      throw error;
    }
    return account;
  }

  async getAccount(id: string): Promise<Account | null> {
    const { rows } = await this.pool.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [id]);
    return rows.length ? accountFromRow(rows[0]) : null;
  }

  async listAccounts(filter: { agencyId?: string; status?: AccountStatus[] } = {}): Promise<Account[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agencyId !== undefined) {
      params.push(filter.agencyId);
      where.push(`agency_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    const sql = `SELECT * FROM accounts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
    const { rows } = await this.pool.query<AccountRow>(sql, params);
    return rows.map(accountFromRow);
  }

  /**
   * Applies only the fields present in the patch, under a lock on the account's row. Moving an account to
   * another agency moves its records too (their documents are re-queued for indexing), in the same transaction.
   */
  async updateAccount(id: string, patch: AccountPatch): Promise<Account | null> {
    const parsed = AccountPatchSchema.parse(patch);
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<AccountRow>('SELECT * FROM accounts WHERE id = $1 FOR UPDATE', [id]);
      if (rows.length === 0) return null;
      if (parsed.agencyId !== undefined && parsed.agencyId !== rows[0].agency_id) {
        await this.requireAgency(client, parsed.agencyId);
        await this.moveRecordsToAgency(client, id, parsed.agencyId);
      }
      const { assignments, values } = patchAssignments(parsed);
      values.push(new Date().toISOString(), id);
      assignments.push(`updated_at = $${values.length - 1}`);
      const updated = await client.query<AccountRow>(
        `UPDATE accounts SET ${assignments.join(', ')} WHERE id = $${values.length} RETURNING *`,
        values,
      );
      return accountFromRow(updated.rows[0]);
    });
  }

  /**
   * What applyPage needs of the account, or null when there is none. Inside a transaction, holds a share lock
   * on the account's row until it ends: concurrent syncs of the account proceed, while a move to another
   * agency waits for them (and they for it).
   */
  async shareLockAccount(client: Queryable, id: string): Promise<AccountContext | null> {
    const { rows } = await client.query<Pick<AccountRow, 'id' | 'agency_id' | 'platform'>>(
      'SELECT id, agency_id, platform FROM accounts WHERE id = $1 FOR SHARE',
      [id],
    );
    return rows.length ? { id: rows[0].id, agencyId: rows[0].agency_id, platform: rows[0].platform } : null;
  }

  private async requireAgency(client: PoolClient, id: string): Promise<void> {
    const { rowCount } = await client.query('SELECT 1 FROM agencies WHERE id = $1', [id]);
    if (!rowCount) throw new UnknownReferenceError('agency', id);
  }

  private async moveRecordsToAgency(client: PoolClient, accountId: string, agencyId: string): Promise<void> {
    await client.query('UPDATE records SET agency_id = $1, revision = revision + 1 WHERE account_id = $2', [
      agencyId,
      accountId,
    ]);
    await client.query(
      `INSERT INTO index_backlog (record_seq, record_id)
      SELECT seq, id FROM records WHERE account_id = $1 ON CONFLICT DO NOTHING`,
      [accountId],
    );
  }
}

function patchAssignments(patch: AccountPatch): { assignments: string[]; values: unknown[] } {
  const assignments: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(PATCH_COLUMNS) as Array<keyof AccountPatch>) {
    const value = patch[key];
    if (value === undefined) continue;
    const {
      column,
      cast = '',
      toSql,
    } = PATCH_COLUMNS[key] as { column: string; cast?: string; toSql: (value: unknown) => unknown };
    values.push(toSql(value));
    assignments.push(`${column} = $${values.length}${cast}`);
  }
  return { assignments, values };
}
