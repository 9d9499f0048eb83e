import type { Migration } from './migrations';

/** What the platform would not give each sync run (the connector's notices), as a JSON array of sentences. */
export const SYNC_RUN_NOTICE_MIGRATIONS: readonly Migration[] = [
  {
    version: 56,
    name: 'connector notices of each sync run',
    sql: `ALTER TABLE sync_runs ADD COLUMN notices_json TEXT NOT NULL DEFAULT '[]';`,
  },
];
