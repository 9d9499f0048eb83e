import type Database from 'better-sqlite3';
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

/** Policy documents, their versions and the receipts of each version, in the catalog file. */
export class SqlitePolicyRepository {
  constructor(private readonly db: Database.Database) {}

  createDocument(input: NewPolicyDocument, actor: string, at: string): PolicyDocument {
    const id = newId('policyDocument');
    this.db
      .prepare(
        'INSERT INTO policy_documents (id, title, requires_receipt, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, input.title, input.requiresReceipt ? 1 : 0, actor, at);
    this.insertVersion(id, 1, input, actor, at);
    return this.getDocument(id)!;
  }

  /** Inside the caller's transaction. */
  addVersion(documentId: string, input: NewPolicyVersion, actor: string, at: string): boolean {
    const row = this.db
      .prepare<[string], { latest: number | null }>(
        'SELECT MAX(version) AS latest FROM policy_versions WHERE document_id = ?',
      )
      .get(documentId);
    if (!row?.latest) return false;
    this.insertVersion(documentId, row.latest + 1, input, actor, at);
    return true;
  }

  listDocuments(): PolicyDocument[] {
    const documents = this.db.prepare<[], PolicyDocumentColumns>('SELECT * FROM policy_documents ORDER BY seq').all();
    const versions = this.db
      .prepare<[], PolicyVersionColumns>('SELECT * FROM policy_versions ORDER BY document_id, version')
      .all();
    return policyDocumentsFromColumns(documents, versions);
  }

  getDocument(id: string): PolicyDocument | null {
    const documents = this.db
      .prepare<[string], PolicyDocumentColumns>('SELECT * FROM policy_documents WHERE id = ?')
      .all(id);
    const versions = this.db
      .prepare<[string], PolicyVersionColumns>('SELECT * FROM policy_versions WHERE document_id = ? ORDER BY version')
      .all(id);
    return policyDocumentsFromColumns(documents, versions)[0] ?? null;
  }

  recordReceipt(input: NewPolicyReceipt): { receipt: PolicyReceipt; created: boolean } {
    const email = input.personEmail.toLowerCase();
    const { changes } = this.db
      .prepare(
        `INSERT INTO policy_receipts (id, version_id, person_name, person_email, method, signed_on, recorded_by,
          recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version_id, person_email) DO NOTHING`,
      )
      .run(
        newId('policyReceipt'),
        input.versionId,
        input.personName,
        email,
        input.method,
        input.signedOn,
        input.recordedBy,
        input.recordedAt,
      );
    const row = this.db
      .prepare<[string, string], PolicyReceiptColumns>(
        `${SELECT_RECEIPTS} WHERE r.version_id = ? AND r.person_email = ?`,
      )
      .get(input.versionId, email)!;
    return { receipt: policyReceiptFromColumns(row), created: changes === 1 };
  }

  listReceipts(email?: string): PolicyReceipt[] {
    const rows = email
      ? this.db
          .prepare<[string], PolicyReceiptColumns>(`${SELECT_RECEIPTS} WHERE r.person_email = ? ORDER BY r.seq`)
          .all(email.toLowerCase())
      : this.db.prepare<[], PolicyReceiptColumns>(`${SELECT_RECEIPTS} ORDER BY r.seq`).all();
    return rows.map(policyReceiptFromColumns);
  }

  private insertVersion(documentId: string, version: number, input: NewPolicyVersion, actor: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO policy_versions (${POLICY_VERSION_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId('policyVersion'), documentId, version, ...newPolicyVersionValues(input, actor, at));
  }
}
