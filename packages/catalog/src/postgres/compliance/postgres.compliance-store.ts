import type { Pool } from 'pg';
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
import { withTransaction, type Queryable } from '../postgres-pool';
import { PostgresPolicyRepository } from './postgres.policy-repository';

interface ComplianceRow {
  account_id: string;
  compliant: boolean;
  reasons: string[];
  changed_at: string;
}

type PeopleChangeRow = PeopleChangeColumns & { person_json: AccountPerson; previous_json: AccountPerson | null };

const complianceFromRow = (row: ComplianceRow): AnnouncedCompliance => ({
  accountId: row.account_id,
  compliant: row.compliant,
  reasons: row.reasons,
  changedAt: row.changed_at,
});

/** The ComplianceStore in the catalog's PostgreSQL schema (migration 11), beside the outbox its notices go to. */
export class PostgresComplianceStore implements ComplianceStore {
  private readonly policies: PostgresPolicyRepository;
  private readonly outbox: OutboxRepository;

  constructor(private readonly pool: Pool) {
    this.policies = new PostgresPolicyRepository(pool);
    this.outbox = new OutboxRepository(pool);
  }

  createPolicyDocument(input: NewPolicyDocument, actor: string, at: string): Promise<PolicyDocument> {
    return this.policies.createDocument(input, actor, at);
  }

  addPolicyVersion(
    documentId: string,
    input: NewPolicyVersion,
    actor: string,
    at: string,
  ): Promise<PolicyDocument | null> {
    return this.policies.addVersion(documentId, input, actor, at);
  }

  listPolicyDocuments(): Promise<PolicyDocument[]> {
    return this.policies.listDocuments();
  }

  getPolicyDocument(id: string): Promise<PolicyDocument | null> {
    return this.policies.getDocument(id);
  }

  recordReceipt(input: NewPolicyReceipt): Promise<{ receipt: PolicyReceipt; created: boolean }> {
    return this.policies.recordReceipt(input);
  }

  listReceipts(filter: { email?: string } = {}): Promise<PolicyReceipt[]> {
    return this.policies.listReceipts(filter.email);
  }

  async appendPeopleChanges(changes: NewAccountPeopleChange[]): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      for (const change of changes) {
        await client.query(
          `INSERT INTO account_people_changes (id, account_id, role, change, person_json, previous_json, changed_by,
            changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            newId('peopleChange'),
            change.accountId,
            change.role,
            change.change,
            JSON.stringify(change.person),
            change.previous ? JSON.stringify(change.previous) : null,
            change.changedBy,
            change.changedAt,
          ],
        );
      }
    });
  }

  async listPeopleChanges(accountId: string): Promise<AccountPeopleChange[]> {
    const { rows } = await this.pool.query<PeopleChangeRow>(
      'SELECT * FROM account_people_changes WHERE account_id = $1 ORDER BY seq',
      [accountId],
    );
    return rows.map((row) => peopleChangeFromColumns(row, row.person_json, row.previous_json));
  }

  async recordApproval(approval: AccountApproval): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO account_approvals (account_id, approved_by, approved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [approval.accountId, approval.approvedBy, approval.approvedAt],
    );
    return rowCount === 1;
  }

  async getApproval(accountId: string): Promise<AccountApproval | null> {
    const { rows } = await this.pool.query<{ account_id: string; approved_by: string; approved_at: string }>(
      'SELECT * FROM account_approvals WHERE account_id = $1',
      [accountId],
    );
    return rows.length
      ? { accountId: rows[0].account_id, approvedBy: rows[0].approved_by, approvedAt: rows[0].approved_at }
      : null;
  }

  getAnnouncedCompliance(accountId: string): Promise<AnnouncedCompliance | null> {
    return readCompliance(this.pool, accountId, '');
  }

  recordAccountCompliance(
    accountId: string,
    compliance: { compliant: boolean; reasons: string[]; at: string },
    announce: (previous: AnnouncedCompliance | null) => NewDelivery[],
  ): Promise<ComplianceChange | null> {
    return withTransaction(this.pool, async (client) => {
      const current = {
        accountId,
        compliant: compliance.compliant,
        reasons: compliance.reasons,
        changedAt: compliance.at,
      };
      const values = [accountId, compliance.compliant, JSON.stringify(compliance.reasons), compliance.at];
      let previous = await readCompliance(client, accountId, 'FOR UPDATE');
      if (!previous) {
        const inserted = await client.query(
          `INSERT INTO account_compliance (account_id, compliant, reasons, changed_at) VALUES ($1, $2, $3, $4)
          ON CONFLICT (account_id) DO NOTHING`,
          values,
        );
        if (inserted.rowCount === 1)
          return {
            previous,
            current,
            deliveries: await this.outbox.add(client, { accountId }, announce(null), compliance.at),
          };
        // Another check recorded it first: wait for its transaction, then compare with what it wrote.
        previous = await readCompliance(client, accountId, 'FOR UPDATE');
      }
      if (!previous || previous.compliant === compliance.compliant) return null;
      await client.query(
        'UPDATE account_compliance SET compliant = $2, reasons = $3, changed_at = $4 WHERE account_id = $1',
        values,
      );
      return {
        previous,
        current,
        deliveries: await this.outbox.add(client, { accountId }, announce(previous), compliance.at),
      };
    });
  }
}

async function readCompliance(
  client: Queryable,
  accountId: string,
  lock: '' | 'FOR UPDATE',
): Promise<AnnouncedCompliance | null> {
  const { rows } = await client.query<ComplianceRow>(`SELECT * FROM account_compliance WHERE account_id = $1 ${lock}`, [
    accountId,
  ]);
  return rows.length ? complianceFromRow(rows[0]) : null;
}
