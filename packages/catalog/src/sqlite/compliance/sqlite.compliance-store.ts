import type Database from 'better-sqlite3';
import { newId, type AccountPerson } from '@verbatim/core';
import type {
  AccountApproval,
  AccountPeopleChange,
  AnnouncedCompliance,
  ComplianceChange,
  ComplianceStore,
  NewAccountPeopleChange,
  NewDelivery,
  NewPolicyDocument,
  NewPolicyReceipt,
  NewPolicyVersion,
  PolicyDocument,
  PolicyReceipt,
} from '@verbatim/foia';
import { peopleChangeFromColumns, type PeopleChangeColumns } from '../../common-compliance-row-mapping';
import { OutboxRepository } from '../foia/outbox.repository';
import { SqlitePolicyRepository } from './sqlite.policy-repository';

interface ComplianceRow {
  account_id: string;
  compliant: number;
  reasons_json: string;
  changed_at: string;
}

type PeopleChangeRow = PeopleChangeColumns & { person_json: string; previous_json: string | null };

const complianceFromRow = (row: ComplianceRow): AnnouncedCompliance => ({
  accountId: row.account_id,
  compliant: row.compliant === 1,
  reasons: JSON.parse(row.reasons_json) as string[],
  changedAt: row.changed_at,
});

/** The ComplianceStore in the SQLite catalog file (migration 14), beside the outbox its notices go to. */
export class SqliteComplianceStore implements ComplianceStore {
  private readonly policies: SqlitePolicyRepository;
  private readonly outbox: OutboxRepository;

  constructor(private readonly db: Database.Database) {
    this.policies = new SqlitePolicyRepository(db);
    this.outbox = new OutboxRepository(db);
  }

  async createPolicyDocument(input: NewPolicyDocument, actor: string, at: string): Promise<PolicyDocument> {
    return this.db.transaction(() => this.policies.createDocument(input, actor, at)).immediate();
  }

  async addPolicyVersion(
    documentId: string,
    input: NewPolicyVersion,
    actor: string,
    at: string,
  ): Promise<PolicyDocument | null> {
    return this.db
      .transaction(() =>
        this.policies.addVersion(documentId, input, actor, at) ? this.policies.getDocument(documentId) : null,
      )
      .immediate();
  }

  async listPolicyDocuments(): Promise<PolicyDocument[]> {
    return this.policies.listDocuments();
  }

  async getPolicyDocument(id: string): Promise<PolicyDocument | null> {
    return this.policies.getDocument(id);
  }

  async recordReceipt(input: NewPolicyReceipt): Promise<{ receipt: PolicyReceipt; created: boolean }> {
    return this.policies.recordReceipt(input);
  }

  async listReceipts(filter: { email?: string } = {}): Promise<PolicyReceipt[]> {
    return this.policies.listReceipts(filter.email);
  }

  async appendPeopleChanges(changes: NewAccountPeopleChange[]): Promise<void> {
    const insert = this.db.prepare(`INSERT INTO account_people_changes (id, account_id, role, change, person_json,
      previous_json, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      for (const change of changes) {
        insert.run(
          newId('peopleChange'),
          change.accountId,
          change.role,
          change.change,
          JSON.stringify(change.person),
          change.previous ? JSON.stringify(change.previous) : null,
          change.changedBy,
          change.changedAt,
        );
      }
    })();
  }

  async listPeopleChanges(accountId: string): Promise<AccountPeopleChange[]> {
    return this.db
      .prepare<[string], PeopleChangeRow>('SELECT * FROM account_people_changes WHERE account_id = ? ORDER BY seq')
      .all(accountId)
      .map((row) =>
        peopleChangeFromColumns(
          row,
          JSON.parse(row.person_json) as AccountPerson,
          row.previous_json ? (JSON.parse(row.previous_json) as AccountPerson) : null,
        ),
      );
  }

  async recordApproval(approval: AccountApproval): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        'INSERT INTO account_approvals (account_id, approved_by, approved_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(approval.accountId, approval.approvedBy, approval.approvedAt);
    return changes === 1;
  }

  async getApproval(accountId: string): Promise<AccountApproval | null> {
    const row = this.db
      .prepare<[string], { account_id: string; approved_by: string; approved_at: string }>(
        'SELECT * FROM account_approvals WHERE account_id = ?',
      )
      .get(accountId);
    return row ? { accountId: row.account_id, approvedBy: row.approved_by, approvedAt: row.approved_at } : null;
  }

  async getAnnouncedCompliance(accountId: string): Promise<AnnouncedCompliance | null> {
    return readAnnouncedCompliance(this.db, accountId);
  }

  async recordAccountCompliance(
    accountId: string,
    compliance: { compliant: boolean; reasons: string[]; at: string },
    announce: (previous: AnnouncedCompliance | null) => NewDelivery[],
  ): Promise<ComplianceChange | null> {
    return this.db
      .transaction((): ComplianceChange | null => {
        const previous = readAnnouncedCompliance(this.db, accountId);
        if (previous?.compliant === compliance.compliant) return null;
        const current = { accountId, ...pick(compliance), changedAt: compliance.at };
        this.db
          .prepare(
            `INSERT INTO account_compliance (account_id, compliant, reasons_json, changed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id) DO UPDATE SET compliant = excluded.compliant,
              reasons_json = excluded.reasons_json, changed_at = excluded.changed_at`,
          )
          .run(accountId, compliance.compliant ? 1 : 0, JSON.stringify(compliance.reasons), compliance.at);
        return { previous, current, deliveries: this.outbox.add({ accountId }, announce(previous), compliance.at) };
      })
      .immediate();
  }
}

const pick = ({ compliant, reasons }: { compliant: boolean; reasons: string[] }) => ({ compliant, reasons });

/** The compliance last recorded, read inside the caller's transaction. */
function readAnnouncedCompliance(db: Database.Database, accountId: string): AnnouncedCompliance | null {
  const row = db
    .prepare<[string], ComplianceRow>('SELECT * FROM account_compliance WHERE account_id = ?')
    .get(accountId);
  return row ? complianceFromRow(row) : null;
}
