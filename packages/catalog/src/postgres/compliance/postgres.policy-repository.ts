import type { Pool } from 'pg';
import { newId } from '@verbatim/core';
import type {
  NewPolicyDocument,
  NewPolicyReceipt,
  NewPolicyVersion,
  PolicyDocument,
  PolicyReceipt,
} from '@verbatim/foia';
import {
  newPolicyVersionValues,
  POLICY_VERSION_INSERT_COLUMNS,
  policyDocumentsFromColumns,
  policyReceiptFromColumns,
  SELECT_RECEIPTS,
  type PolicyDocumentColumns,
  type PolicyReceiptColumns,
  type PolicyVersionColumns,
} from '../../common-compliance-row-mapping';
import { withTransaction, type Queryable } from '../postgres-pool';

/** Policy documents, their versions and the receipts of each version, in the catalog's schema. */
export class PostgresPolicyRepository {
  constructor(private readonly pool: Pool) {}

  createDocument(input: NewPolicyDocument, actor: string, at: string): Promise<PolicyDocument> {
    return withTransaction(this.pool, async (client) => {
      const id = newId('policyDocument');
      await client.query(
        'INSERT INTO policy_documents (id, title, requires_receipt, created_by, created_at) VALUES ($1, $2, $3, $4, $5)',
        [id, input.title, input.requiresReceipt, actor, at],
      );
      await this.insertVersion(client, id, 1, input, actor, at);
      return (await this.getDocument(id, client))!;
    });
  }

  addVersion(documentId: string, input: NewPolicyVersion, actor: string, at: string): Promise<PolicyDocument | null> {
    return withTransaction(this.pool, async (client) => {
      // The document's row locked: two uploads at once number their versions one after the other.
      const locked = await client.query('SELECT 1 FROM policy_documents WHERE id = $1 FOR UPDATE', [documentId]);
      if (locked.rowCount === 0) return null;
      const { rows } = await client.query<{ latest: number }>(
        'SELECT MAX(version) AS latest FROM policy_versions WHERE document_id = $1',
        [documentId],
      );
      await this.insertVersion(client, documentId, rows[0].latest + 1, input, actor, at);
      return this.getDocument(documentId, client);
    });
  }

  async listDocuments(): Promise<PolicyDocument[]> {
    const documents = await this.pool.query<PolicyDocumentColumns>('SELECT * FROM policy_documents ORDER BY seq');
    const versions = await this.pool.query<PolicyVersionColumns>(
      'SELECT * FROM policy_versions ORDER BY document_id, version',
    );
    return policyDocumentsFromColumns(documents.rows, versions.rows);
  }

  async getDocument(id: string, client: Queryable = this.pool): Promise<PolicyDocument | null> {
    const documents = await client.query<PolicyDocumentColumns>('SELECT * FROM policy_documents WHERE id = $1', [id]);
    const versions = await client.query<PolicyVersionColumns>(
      'SELECT * FROM policy_versions WHERE document_id = $1 ORDER BY version',
      [id],
    );
    return policyDocumentsFromColumns(documents.rows, versions.rows)[0] ?? null;
  }

  async recordReceipt(input: NewPolicyReceipt): Promise<{ receipt: PolicyReceipt; created: boolean }> {
    const email = input.personEmail.toLowerCase();
    const { rowCount } = await this.pool.query(
      `INSERT INTO policy_receipts (id, version_id, person_name, person_email, method, signed_on, recorded_by,
        recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (version_id, person_email) DO NOTHING`,
      [
        newId('policyReceipt'),
        input.versionId,
        input.personName,
        email,
        input.method,
        input.signedOn,
        input.recordedBy,
        input.recordedAt,
      ],
    );
    const { rows } = await this.pool.query<PolicyReceiptColumns>(
      `${SELECT_RECEIPTS} WHERE r.version_id = $1 AND r.person_email = $2`,
      [input.versionId, email],
    );
    return { receipt: policyReceiptFromColumns(rows[0]), created: rowCount === 1 };
  }

  async listReceipts(email?: string): Promise<PolicyReceipt[]> {
    const { rows } = email
      ? await this.pool.query<PolicyReceiptColumns>(`${SELECT_RECEIPTS} WHERE r.person_email = $1 ORDER BY r.seq`, [
          email.toLowerCase(),
        ])
      : await this.pool.query<PolicyReceiptColumns>(`${SELECT_RECEIPTS} ORDER BY r.seq`);
    return rows.map(policyReceiptFromColumns);
  }

  private async insertVersion(
    client: Queryable,
    documentId: string,
    version: number,
    input: NewPolicyVersion,
    actor: string,
    at: string,
  ): Promise<void> {
    await client.query(
      `INSERT INTO policy_versions (${POLICY_VERSION_INSERT_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [newId('policyVersion'), documentId, version, ...newPolicyVersionValues(input, actor, at)],
    );
  }
}
