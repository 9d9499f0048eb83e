import type { Migration } from '../migrations';

/**
 * Policy versions uploaded as files (issue 17): the file's SHA-256 (its bytes are in the object store under it),
 * type, name and size, all null for a version whose text was typed in. Versions 44–45 are this feature's.
 */
export const POLICY_FILE_MIGRATIONS: readonly Migration[] = [
  {
    version: 44,
    name: 'policy versions uploaded as files',
    sql: `
      ALTER TABLE policy_versions ADD COLUMN file_sha256 TEXT;
      ALTER TABLE policy_versions ADD COLUMN file_content_type TEXT;
      ALTER TABLE policy_versions ADD COLUMN file_name TEXT;
      ALTER TABLE policy_versions ADD COLUMN file_byte_length INTEGER;
    `,
  },
];
