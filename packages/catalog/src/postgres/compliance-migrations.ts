import type { PostgresMigration } from './migrations';

/**
 * The account registry's compliance records (issue 17); see the SQLite migrations of the same name. Versions 11
 * to 16 are this file's; spread into POSTGRES_MIGRATIONS.
 */
export const POSTGRES_COMPLIANCE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 11,
    name: 'policy documents, receipts, people history, approvals and announced compliance',
    sql: `
      CREATE TABLE policy_documents (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        title text NOT NULL,
        requires_receipt boolean NOT NULL,
        created_by text NOT NULL,
        created_at text NOT NULL
      );
      CREATE TABLE policy_versions (
        id text PRIMARY KEY,
        document_id text NOT NULL REFERENCES policy_documents(id),
        version integer NOT NULL CHECK (version >= 1),
        text text NOT NULL,
        effective_on text,
        created_by text NOT NULL,
        created_at text NOT NULL,
        UNIQUE (document_id, version)
      );
      CREATE TABLE policy_receipts (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        version_id text NOT NULL REFERENCES policy_versions(id),
        person_name text NOT NULL,
        person_email text NOT NULL,
        method text NOT NULL CHECK (method IN ('web', 'paper')),
        signed_on text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at text NOT NULL,
        UNIQUE (version_id, person_email)
      );
      CREATE INDEX policy_receipts_by_email ON policy_receipts (person_email);
      CREATE TABLE account_people_changes (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        account_id text NOT NULL REFERENCES accounts(id),
        role text NOT NULL CHECK (role IN ('administrator', 'moderator')),
        change text NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
        person_json jsonb NOT NULL,
        previous_json jsonb,
        changed_by text NOT NULL,
        changed_at text NOT NULL
      );
      CREATE INDEX account_people_changes_by_account ON account_people_changes (account_id, seq);
      CREATE FUNCTION refuse_change_to_history() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
      CREATE TRIGGER account_people_changes_append_only BEFORE UPDATE OR DELETE ON account_people_changes
        FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history();
      CREATE TRIGGER policy_versions_immutable BEFORE UPDATE ON policy_versions
        FOR EACH ROW EXECUTE FUNCTION refuse_change_to_history();
      CREATE TABLE account_approvals (
        account_id text PRIMARY KEY REFERENCES accounts(id),
        approved_by text NOT NULL,
        approved_at text NOT NULL
      );
      CREATE TABLE account_compliance (
        account_id text PRIMARY KEY REFERENCES accounts(id),
        compliant boolean NOT NULL,
        reasons jsonb NOT NULL,
        changed_at text NOT NULL
      );
    `,
  },
];
