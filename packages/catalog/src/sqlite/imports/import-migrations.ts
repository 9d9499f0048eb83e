import type { Migration } from '../migrations';

/** Imports of platform exports and their reports (versions 32–37 are this feature's). */
export const IMPORT_MIGRATIONS: readonly Migration[] = [
  {
    version: 32,
    name: 'imports of platform exports',
    sql: `
      CREATE TABLE export_imports (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        key TEXT NOT NULL,
        byte_length INTEGER NOT NULL,
        status TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        error TEXT,
        report_json TEXT
      );
      CREATE INDEX export_imports_by_account ON export_imports(account_id, seq);
    `,
  },
];
