import type { PostgresMigration } from '../migrations';

/**
 * Policy versions uploaded as files (issue 17): the file's SHA-256 (its bytes are in the object store under it),
 * type, name and size, all null for a version whose text was typed in. Versions 44–45 are this feature's.
 */
export const POSTGRES_POLICY_FILE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 44,
    name: 'policy versions uploaded as files',
    sql: `
      ALTER TABLE policy_versions
        ADD COLUMN file_sha256 text,
        ADD COLUMN file_content_type text,
        ADD COLUMN file_name text,
        ADD COLUMN file_byte_length bigint;
    `,
  },
];
