import type { Pool } from 'pg';
import type {
  DisposedObject,
  DisposedRecord,
  Disposition,
  DispositionCandidate,
  LegalHold,
  NewLegalHold,
  NewRetentionRule,
  RetentionRule,
  RetentionStore,
  Stamp,
} from '@verbatim/core';
import {
  automaticHoldFromRow,
  dispositionFromRow,
  holdFromRow,
  HOLDS_SELECT,
  newRetentionId,
  ruleFromRow,
  type AutomaticHoldRow,
  type DispositionRow,
  type HoldRow,
  type RuleRow,
} from '../../retention/retention-row-mapping';
import { PostgresDispositionRepository } from './disposition.repository';
import { AUTOMATIC_HOLDS } from './retention-queries.sql';

/** Retention rules, legal holds and dispositions in the catalog's PostgreSQL schema. */
export class PostgresRetentionStore implements RetentionStore {
  private readonly dispositions: PostgresDispositionRepository;

  constructor(private readonly pool: Pool) {
    this.dispositions = new PostgresDispositionRepository(pool);
  }

  private async exists(table: 'agencies' | 'accounts' | 'foia_saved_searches', id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return (rowCount ?? 0) > 0;
  }

  async addRule(rule: NewRetentionRule, stamp: Stamp): Promise<RetentionRule | null> {
    if (rule.agencyId && !(await this.exists('agencies', rule.agencyId))) return null;
    if (rule.accountId && !(await this.exists('accounts', rule.accountId))) return null;
    const { rows } = await this.pool.query<RuleRow>(
      `INSERT INTO retention_rules (id, agency_id, account_id, kind, retention_days, citation, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        newRetentionId('ret'),
        rule.agencyId ?? null,
        rule.accountId ?? null,
        rule.kind ?? null,
        rule.retention === 'permanent' ? null : rule.retention.days,
        rule.citation,
        stamp.by,
        stamp.at,
      ],
    );
    return ruleFromRow(rows[0]);
  }

  async listRules(): Promise<RetentionRule[]> {
    const { rows } = await this.pool.query<RuleRow>('SELECT * FROM retention_rules ORDER BY created_at, id');
    return rows.map(ruleFromRow);
  }

  async retireRule(id: string, stamp: Stamp): Promise<RetentionRule | null> {
    await this.pool.query(
      'UPDATE retention_rules SET retired_by = $1, retired_at = $2 WHERE id = $3 AND retired_at IS NULL',
      [stamp.by, stamp.at, id],
    );
    const { rows } = await this.pool.query<RuleRow>('SELECT * FROM retention_rules WHERE id = $1', [id]);
    return rows[0] ? ruleFromRow(rows[0]) : null;
  }

  async placeHold(hold: NewLegalHold, stamp: Stamp): Promise<LegalHold | null> {
    const accountId = hold.scope === 'account' ? hold.accountId : null;
    const savedSearchId = hold.scope === 'saved-search' ? hold.savedSearchId : null;
    if (accountId && !(await this.exists('accounts', accountId))) return null;
    if (savedSearchId && !(await this.exists('foia_saved_searches', savedSearchId))) return null;
    const id = newRetentionId('hold');
    await this.pool.query(
      `INSERT INTO legal_holds (id, scope, account_id, saved_search_id, reason, placed_by, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, hold.scope, accountId, savedSearchId, hold.reason, stamp.by, stamp.at],
    );
    return this.getHold(id);
  }

  async releaseHold(id: string, note: string, stamp: Stamp): Promise<LegalHold | null> {
    await this.pool.query(
      `UPDATE legal_holds SET released_by = $1, released_at = $2, release_note = $3
       WHERE id = $4 AND released_at IS NULL`,
      [stamp.by, stamp.at, note, id],
    );
    return this.getHold(id);
  }

  private async getHold(id: string): Promise<LegalHold | null> {
    const { rows } = await this.pool.query<HoldRow>(`${HOLDS_SELECT} WHERE h.id = $1`, [id]);
    return rows[0] ? holdFromRow(rows[0]) : null;
  }

  async listHolds(): Promise<LegalHold[]> {
    const placed = (await this.pool.query<HoldRow>(HOLDS_SELECT)).rows.map(holdFromRow);
    const automatic = (await this.pool.query<AutomaticHoldRow>(AUTOMATIC_HOLDS)).rows.map(automaticHoldFromRow);
    return [...placed, ...automatic].sort((a, b) => b.placedAt.localeCompare(a.placedAt) || a.id.localeCompare(b.id));
  }

  listDispositionCandidates(asOf: string, limit: number, ruleIds?: string[]): Promise<DispositionCandidate[]> {
    return this.dispositions.candidates(this.pool, asOf, limit, ruleIds ?? null, null);
  }

  async createDisposition(approval: { note: string; ruleIds: string[] | null }, stamp: Stamp): Promise<Disposition> {
    const { rows } = await this.pool.query<DispositionRow>(
      `INSERT INTO dispositions (id, approved_by, approved_at, note, rule_ids) VALUES ($1, $2, $3, $4, $5)
       RETURNING *`,
      [
        newRetentionId('dsp'),
        stamp.by,
        stamp.at,
        approval.note,
        approval.ruleIds ? JSON.stringify(approval.ruleIds) : null,
      ],
    );
    return dispositionFromRow(rows[0]);
  }

  disposeRecords(dispositionId: string, recordIds: string[], at: string) {
    return this.dispositions.dispose(dispositionId, recordIds, at);
  }

  unusedObjects(keys: string[]): Promise<string[]> {
    return this.dispositions.unusedObjects(keys);
  }

  recordObjectOutcome(object: DisposedObject): Promise<void> {
    return this.dispositions.recordObjectOutcome(object);
  }

  listWaitingObjects(): Promise<DisposedObject[]> {
    return this.dispositions.waitingObjects();
  }

  getDisposedObject(key: string): Promise<DisposedObject | null> {
    return this.dispositions.disposedObject(key);
  }

  async completeDisposition(id: string, recordsDisposed: number, at: string): Promise<Disposition> {
    const { rows } = await this.pool.query<DispositionRow>(
      'UPDATE dispositions SET completed_at = $1, records_disposed = $2 WHERE id = $3 RETURNING *',
      [at, recordsDisposed, id],
    );
    return dispositionFromRow(rows[0]);
  }

  async getDisposition(id: string): Promise<Disposition | null> {
    const { rows } = await this.pool.query<DispositionRow>('SELECT * FROM dispositions WHERE id = $1', [id]);
    return rows[0] ? dispositionFromRow(rows[0]) : null;
  }

  async listDispositions(): Promise<Disposition[]> {
    const { rows } = await this.pool.query<DispositionRow>('SELECT * FROM dispositions ORDER BY approved_at DESC, id');
    return rows.map(dispositionFromRow);
  }

  listDisposedRecords(dispositionId: string): Promise<DisposedRecord[]> {
    return this.dispositions.tombstones(this.pool, { dispositionId });
  }

  async getDisposedRecord(recordId: string): Promise<DisposedRecord | null> {
    return (await this.dispositions.tombstones(this.pool, { recordId }))[0] ?? null;
  }
}
