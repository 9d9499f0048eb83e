import type Database from 'better-sqlite3';
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
import { SqliteDispositionRepository } from './disposition.repository';
import { AUTOMATIC_HOLDS } from './retention-queries.sql';

type SqliteDispositionRow = Omit<DispositionRow, 'rule_ids'> & { rule_ids_json: string | null };
const dispositionOf = ({ rule_ids_json, ...row }: SqliteDispositionRow) =>
  dispositionFromRow({ ...row, rule_ids: rule_ids_json === null ? null : (JSON.parse(rule_ids_json) as string[]) });

/** Retention rules, legal holds and dispositions in the catalog's SQLite file. */
export class SqliteRetentionStore implements RetentionStore {
  private readonly dispositions: SqliteDispositionRepository;

  constructor(private readonly db: Database.Database) {
    this.dispositions = new SqliteDispositionRepository(db);
  }

  async addRule(rule: NewRetentionRule, stamp: Stamp): Promise<RetentionRule | null> {
    if (rule.agencyId && !this.db.prepare('SELECT 1 FROM agencies WHERE id = ?').get(rule.agencyId)) return null;
    if (rule.accountId && !this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(rule.accountId)) return null;
    const id = newRetentionId('ret');
    this.db
      .prepare(
        `INSERT INTO retention_rules (id, agency_id, account_id, kind, retention_days, citation, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        rule.agencyId ?? null,
        rule.accountId ?? null,
        rule.kind ?? null,
        rule.retention === 'permanent' ? null : rule.retention.days,
        rule.citation,
        stamp.by,
        stamp.at,
      );
    return this.getRule(id);
  }

  async listRules(): Promise<RetentionRule[]> {
    return this.db.prepare<[], RuleRow>('SELECT * FROM retention_rules ORDER BY created_at, id').all().map(ruleFromRow);
  }

  async retireRule(id: string, stamp: Stamp): Promise<RetentionRule | null> {
    this.db
      .prepare('UPDATE retention_rules SET retired_by = ?, retired_at = ? WHERE id = ? AND retired_at IS NULL')
      .run(stamp.by, stamp.at, id);
    return this.getRule(id);
  }

  private getRule(id: string): RetentionRule | null {
    const row = this.db.prepare<[string], RuleRow>('SELECT * FROM retention_rules WHERE id = ?').get(id);
    return row ? ruleFromRow(row) : null;
  }

  async placeHold(hold: NewLegalHold, stamp: Stamp): Promise<LegalHold | null> {
    const accountId = hold.scope === 'account' ? hold.accountId : null;
    const savedSearchId = hold.scope === 'saved-search' ? hold.savedSearchId : null;
    if (accountId && !this.db.prepare('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) return null;
    if (savedSearchId && !this.db.prepare('SELECT 1 FROM foia_saved_searches WHERE id = ?').get(savedSearchId))
      return null;
    const id = newRetentionId('hold');
    this.db
      .prepare(
        `INSERT INTO legal_holds (id, scope, account_id, saved_search_id, reason, placed_by, placed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, hold.scope, accountId, savedSearchId, hold.reason, stamp.by, stamp.at);
    return this.getHold(id);
  }

  async releaseHold(id: string, note: string, stamp: Stamp): Promise<LegalHold | null> {
    this.db
      .prepare(
        `UPDATE legal_holds SET released_by = ?, released_at = ?, release_note = ?
         WHERE id = ? AND released_at IS NULL`,
      )
      .run(stamp.by, stamp.at, note, id);
    return this.getHold(id);
  }

  private getHold(id: string): LegalHold | null {
    const row = this.db.prepare<[string], HoldRow>(`${HOLDS_SELECT} WHERE h.id = ?`).get(id);
    return row ? holdFromRow(row) : null;
  }

  async listHolds(): Promise<LegalHold[]> {
    const placed = this.db.prepare<[], HoldRow>(HOLDS_SELECT).all().map(holdFromRow);
    const automatic = this.db.prepare<[], AutomaticHoldRow>(AUTOMATIC_HOLDS).all().map(automaticHoldFromRow);
    return [...placed, ...automatic].sort((a, b) => b.placedAt.localeCompare(a.placedAt) || a.id.localeCompare(b.id));
  }

  async listDispositionCandidates(asOf: string, limit: number, ruleIds?: string[]): Promise<DispositionCandidate[]> {
    return this.dispositions.candidates(asOf, limit, ruleIds ?? null, null);
  }

  async createDisposition(approval: { note: string; ruleIds: string[] | null }, stamp: Stamp): Promise<Disposition> {
    const id = newRetentionId('dsp');
    this.db
      .prepare('INSERT INTO dispositions (id, approved_by, approved_at, note, rule_ids_json) VALUES (?, ?, ?, ?, ?)')
      .run(id, stamp.by, stamp.at, approval.note, approval.ruleIds ? JSON.stringify(approval.ruleIds) : null);
    return (await this.getDisposition(id))!;
  }

  async disposeRecords(dispositionId: string, recordIds: string[], at: string) {
    return this.dispositions.dispose(dispositionId, recordIds, at);
  }

  async unusedObjects(keys: string[]): Promise<string[]> {
    return this.dispositions.unusedObjects(keys);
  }

  async recordObjectOutcome(object: DisposedObject): Promise<void> {
    this.dispositions.recordObjectOutcome(object);
  }

  async listWaitingObjects(): Promise<DisposedObject[]> {
    return this.dispositions.waitingObjects();
  }

  async getDisposedObject(key: string): Promise<DisposedObject | null> {
    return this.dispositions.disposedObject(key);
  }

  async completeDisposition(id: string, recordsDisposed: number, at: string): Promise<Disposition> {
    this.db
      .prepare('UPDATE dispositions SET completed_at = ?, records_disposed = ? WHERE id = ?')
      .run(at, recordsDisposed, id);
    return (await this.getDisposition(id))!;
  }

  async getDisposition(id: string): Promise<Disposition | null> {
    const row = this.db.prepare<[string], SqliteDispositionRow>('SELECT * FROM dispositions WHERE id = ?').get(id);
    return row ? dispositionOf(row) : null;
  }

  async listDispositions(): Promise<Disposition[]> {
    return this.db
      .prepare<[], SqliteDispositionRow>('SELECT * FROM dispositions ORDER BY approved_at DESC, id')
      .all()
      .map(dispositionOf);
  }

  async listDisposedRecords(dispositionId: string): Promise<DisposedRecord[]> {
    return this.dispositions.tombstones({ dispositionId });
  }

  async getDisposedRecord(recordId: string): Promise<DisposedRecord | null> {
    return this.dispositions.tombstones({ recordId })[0] ?? null;
  }
}
