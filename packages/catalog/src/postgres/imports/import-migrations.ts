import type { PostgresMigration } from '../migrations';

/** Imports of platform exports and their reports (versions 29–34 are this feature's). */
export const POSTGRES_IMPORT_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 29,
    name: 'imports of platform exports',
    sql: `
      CREATE TABLE export_imports (
        seq bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        account_id text NOT NULL REFERENCES accounts(id),
        file_name text NOT NULL,
        sha256 text NOT NULL,
        key text NOT NULL,
        byte_length bigint NOT NULL,
        status text NOT NULL,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        error text,
        report jsonb
      );
      CREATE INDEX export_imports_by_account ON export_imports (account_id, seq);
    `,
  },
];
