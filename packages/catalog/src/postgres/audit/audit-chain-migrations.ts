import type { PostgresMigration } from '../migrations';

/**
 * The audit log's hash chain (versions 60–61 are this feature's); see the SQLite file of the same name. The
 * single `audit_chain_head` row is also the lock appends take (`SELECT … FOR UPDATE`), so concurrent processes
 * chain one after another and never fork the chain.
 */
export const POSTGRES_AUDIT_CHAIN_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 60,
    name: 'audit log hash chain',
    sql: `
      ALTER TABLE audit_log ADD COLUMN outcome text NOT NULL DEFAULT 'success';
      ALTER TABLE audit_log ADD COLUMN seq bigint;
      ALTER TABLE audit_log ADD COLUMN prev_hash text;
      ALTER TABLE audit_log ADD COLUMN hash text;
      CREATE UNIQUE INDEX audit_log_by_seq ON audit_log (seq);
      CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
      CREATE INDEX audit_log_by_target ON audit_log (target, seq);

      CREATE TABLE audit_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
      CREATE TABLE audit_chain_legacy (
        id integer PRIMARY KEY CHECK (id = 1),
        up_to_id bigint NOT NULL
      );
      INSERT INTO audit_chain_legacy (id, up_to_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL
            AND OLD.id <= (SELECT up_to_id FROM audit_chain_legacy)
            AND (NEW.id, NEW.at, NEW.actor, NEW.action, NEW.target, NEW.outcome)
              IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor, OLD.action, OLD.target, OLD.outcome)
            AND NEW.details IS NOT DISTINCT FROM OLD.details
            AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
        END
      $$;
      DROP TRIGGER audit_log_append_only ON audit_log;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

      CREATE FUNCTION audit_log_refuse_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.seq IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL THEN
            RAISE EXCEPTION 'audit_log entries are appended sealed (seq, prev_hash, hash)'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER audit_log_sealed_insert BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_unsealed();
    `,
  },
];
