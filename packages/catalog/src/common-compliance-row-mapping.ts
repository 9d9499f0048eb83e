import type { AccountPerson } from '@verbatim/core';
import type {
  AccountPeopleChange,
  NewPolicyVersion,
  PolicyDocument,
  PolicyReceipt,
  PolicyVersion,
  ReceiptMethod,
} from '@verbatim/foia';

/** Compliance rows both catalog adapters share; JSON columns are passed in parsed (text in SQLite, jsonb here). */
export interface PolicyDocumentColumns {
  id: string;
  title: string;
  requires_receipt: boolean | number;
  created_by: string;
  created_at: string;
}

export interface PolicyVersionColumns {
  id: string;
  document_id: string;
  version: number;
  text: string;
  effective_on: string | null;
  /** The uploaded file's, all null when the text was typed in (migration 44). */
  file_sha256: string | null;
  file_content_type: string | null;
  file_name: string | null;
  file_byte_length: number | string | null;
  created_by: string;
  created_at: string;
}

export interface PolicyReceiptColumns {
  id: string;
  version_id: string;
  document_id: string;
  version: number;
  person_name: string;
  person_email: string;
  method: ReceiptMethod;
  signed_on: string;
  recorded_by: string;
  recorded_at: string;
}

export interface PeopleChangeColumns {
  id: string;
  account_id: string;
  role: AccountPeopleChange['role'];
  change: AccountPeopleChange['change'];
  changed_by: string;
  changed_at: string;
}

/** Receipts with their version's document and number: the SELECT both adapters run. */
export const SELECT_RECEIPTS = `SELECT r.*, v.document_id, v.version FROM policy_receipts r
  JOIN policy_versions v ON v.id = r.version_id`;

/** The columns of a new version row, in INSERT order after its id, document and number (both adapters). */
export const POLICY_VERSION_INSERT_COLUMNS =
  'id, document_id, version, text, effective_on, file_sha256, file_content_type, file_name, file_byte_length, created_by, created_at';

export const newPolicyVersionValues = (input: NewPolicyVersion, actor: string, at: string) => [
  input.text,
  input.effectiveOn ?? null,
  input.file?.sha256 ?? null,
  input.file?.contentType ?? null,
  input.file?.fileName ?? null,
  input.file?.byteLength ?? null,
  actor,
  at,
];

export const policyVersionFromColumns = (row: PolicyVersionColumns): PolicyVersion => ({
  id: row.id,
  documentId: row.document_id,
  version: row.version,
  text: row.text,
  effectiveOn: row.effective_on,
  file:
    row.file_sha256 === null
      ? null
      : {
          sha256: row.file_sha256,
          contentType: row.file_content_type ?? 'application/octet-stream',
          fileName: row.file_name ?? row.file_sha256,
          byteLength: Number(row.file_byte_length),
        },
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** The documents with their versions (oldest first), from rows already in document and version order. */
export function policyDocumentsFromColumns(
  documents: PolicyDocumentColumns[],
  versions: PolicyVersionColumns[],
): PolicyDocument[] {
  return documents.map((row) => ({
    id: row.id,
    title: row.title,
    requiresReceipt: Boolean(row.requires_receipt),
    createdBy: row.created_by,
    createdAt: row.created_at,
    versions: versions.filter((version) => version.document_id === row.id).map(policyVersionFromColumns),
  }));
}

export const policyReceiptFromColumns = (row: PolicyReceiptColumns): PolicyReceipt => ({
  id: row.id,
  versionId: row.version_id,
  documentId: row.document_id,
  version: row.version,
  personName: row.person_name,
  personEmail: row.person_email,
  method: row.method,
  signedOn: row.signed_on,
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
});

export const peopleChangeFromColumns = (
  row: PeopleChangeColumns,
  person: AccountPerson,
  previous: AccountPerson | null,
): AccountPeopleChange => ({
  id: row.id,
  accountId: row.account_id,
  role: row.role,
  change: row.change,
  person,
  previous,
  changedBy: row.changed_by,
  changedAt: row.changed_at,
});
