import type { Migration } from '../migrations';

/**
 * The capture chain (versions 62–63 are this feature's): each capture of an account names the SHA-256 of the
 * account's previous one. Captures recorded before it are chained here in capture order.
 */
export const CAPTURE_CHAIN_MIGRATIONS: readonly Migration[] = [
  {
    version: 62,
    name: 'capture chain of each account',
    sql: `
      CREATE TABLE capture_chain (
        account_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        previous_sha256 TEXT,
        PRIMARY KEY (account_id, position)
      ) WITHOUT ROWID;
      INSERT INTO capture_chain (account_id, position, sha256, previous_sha256)
        SELECT account_id, ROW_NUMBER() OVER chain, sha256, LAG(sha256) OVER chain FROM raw_captures
        WINDOW chain AS (PARTITION BY account_id ORDER BY captured_at, sha256);
      CREATE TRIGGER capture_chain_no_update BEFORE UPDATE ON capture_chain
        BEGIN SELECT RAISE(ABORT, 'the capture chain is append-only'); END;
      CREATE TRIGGER capture_chain_no_delete BEFORE DELETE ON capture_chain
        BEGIN SELECT RAISE(ABORT, 'the capture chain is append-only'); END;
    `,
  },
];
