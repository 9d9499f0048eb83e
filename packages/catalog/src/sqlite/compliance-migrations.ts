import type { Migration } from './migrations';

/**
 * The account registry's compliance records (issue 17): policy documents and their versions, receipts, the
 * history of each account's administrators and moderators, approvals, and the compliance IT was last told of.
 * Versions 14 to 19 are this file's; spread into MIGRATIONS.
 */
export const COMPLIANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 14,
    name: 'policy documents, receipts, people history, approvals and announced compliance',
    sql: `
      CREATE TABLE policy_documents (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        requires_receipt INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE policy_versions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES policy_documents(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        text TEXT NOT NULL,
        effective_on TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (document_id, version)
      );
      CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
        BEGIN SELECT RAISE(ABORT, 'policy_versions are immutable'); END;
      CREATE TABLE policy_receipts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        version_id TEXT NOT NULL REFERENCES policy_versions(id),
        person_name TEXT NOT NULL,
        person_email TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('web', 'paper')),
        signed_on TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (version_id, person_email)
      );
      CREATE INDEX policy_receipts_by_email ON policy_receipts (person_email);
      CREATE TABLE account_people_changes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        role TEXT NOT NULL CHECK (role IN ('administrator', 'moderator')),
        change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
        person_json TEXT NOT NULL,
        previous_json TEXT,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL
      );
      CREATE INDEX account_people_changes_by_account ON account_people_changes (account_id, seq);
      CREATE TRIGGER account_people_changes_no_update BEFORE UPDATE ON account_people_changes
        BEGIN SELECT RAISE(ABORT, 'account_people_changes are append-only'); END;
      CREATE TRIGGER account_people_changes_no_delete BEFORE DELETE ON account_people_changes
        BEGIN SELECT RAISE(ABORT, 'account_people_changes are append-only'); END;
      CREATE TABLE account_approvals (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        approved_by TEXT NOT NULL,
        approved_at TEXT NOT NULL
      );
      CREATE TABLE account_compliance (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        compliant INTEGER NOT NULL,
        reasons_json TEXT NOT NULL,
        changed_at TEXT NOT NULL
      );
    `,
  },
];
