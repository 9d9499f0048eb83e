import type { PostgresMigration } from '../migrations';

/**
 * The capture chain (versions 62–63 are this feature's): each capture of an account names the SHA-256 of the
 * account's previous one. Captures recorded before it are chained here in capture order.
 */
export const POSTGRES_CAPTURE_CHAIN_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 62,
    name: 'capture chain of each account',
    sql: `
      CREATE TABLE capture_chain (
        account_id text NOT NULL,
        position bigint NOT NULL,
        sha256 text NOT NULL UNIQUE,
        previous_sha256 text,
        PRIMARY KEY (account_id, position)
      );
      INSERT INTO capture_chain (account_id, position, sha256, previous_sha256)
        SELECT account_id, ROW_NUMBER() OVER chain, sha256, LAG(sha256) OVER chain FROM raw_captures
        WINDOW chain AS (PARTITION BY account_id ORDER BY captured_at, sha256);
      CREATE TRIGGER capture_chain_append_only BEFORE UPDATE OR DELETE ON capture_chain
        FOR EACH ROW EXECUTE FUNCTION refuse_change('immutable');
      CREATE TRIGGER capture_chain_no_truncate BEFORE TRUNCATE ON capture_chain
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('immutable');
    `,
  },
];
