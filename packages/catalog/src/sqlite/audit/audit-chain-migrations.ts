import type { Migration } from '../migrations';

/**
 * The audit log's hash chain (versions 60–61 are this feature's). Each row gets its position (`seq`), the
 * previous entry's hash and its own, and an outcome; `audit_chain_head` keeps the last appended entry so
 * entries removed from the end are found too. Rows written before this migration are sealed once by the
 * application (SQLite has no SHA-256): `audit_chain_legacy` names them, and the rewritten update trigger lets
 * exactly those rows receive their seq and hashes once, with every other column unchanged. Rows appended
 * from now on must arrive sealed.
 */
export const AUDIT_CHAIN_MIGRATIONS: readonly Migration[] = [
  {
    version: 60,
    name: 'audit log hash chain',
    sql: `
      ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'success';
      ALTER TABLE audit_log ADD COLUMN seq INTEGER;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
      CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
      CREATE INDEX audit_log_by_target ON audit_log (target, seq);

      CREATE TABLE audit_chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}');
      CREATE TABLE audit_chain_legacy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        up_to_id INTEGER NOT NULL
      );
      INSERT INTO audit_chain_legacy (id, up_to_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

      DROP TRIGGER audit_log_no_update;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT (
          OLD.hash IS NULL AND OLD.seq IS NULL
          AND OLD.id <= (SELECT up_to_id FROM audit_chain_legacy)
          AND NEW.id = OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action
          AND NEW.target IS OLD.target AND NEW.details_json IS OLD.details_json AND NEW.outcome IS OLD.outcome
          AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
        )
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_sealed_insert BEFORE INSERT ON audit_log
        WHEN NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'audit_log entries are appended sealed (seq, prev_hash, hash)'); END;
    `,
  },
];
