import type { PostgresMigration } from './migrations';

/**
 * Retention rules, legal holds and dispositions (PostgreSQL versions 23–28); see the SQLite twin for the rules.
 * record_versions keeps refusing every DELETE and TRUNCATE, and every UPDATE except disposition's: text emptied,
 * attachments cleared, all else kept, only once an append-only disposition tombstone for the record exists.
 */
export const POSTGRES_RETENTION_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 23,
    name: 'retention rules, legal holds, dispositions and their tombstones',
    sql: `
      CREATE TABLE retention_rules (
        id text PRIMARY KEY,
        agency_id text REFERENCES agencies(id),
        account_id text REFERENCES accounts(id),
        kind text,
        retention_days integer CHECK (retention_days IS NULL OR retention_days > 0),
        citation text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        retired_by text,
        retired_at timestamptz
      );
      CREATE FUNCTION retention_rules_only_retire() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.retired_at IS NOT NULL OR (to_jsonb(NEW) - 'retired_by' - 'retired_at')
              IS DISTINCT FROM (to_jsonb(OLD) - 'retired_by' - 'retired_at') THEN
            RAISE EXCEPTION 'a retention rule can only be retired, once' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER retention_rules_only_retire BEFORE UPDATE ON retention_rules
        FOR EACH ROW EXECUTE FUNCTION retention_rules_only_retire();
      CREATE TRIGGER retention_rules_no_delete BEFORE DELETE ON retention_rules
        FOR EACH ROW EXECUTE FUNCTION refuse_change('retired, never deleted');

      CREATE TABLE legal_holds (
        id text PRIMARY KEY,
        scope text NOT NULL CHECK (scope IN ('account', 'saved-search')),
        account_id text REFERENCES accounts(id),
        saved_search_id text REFERENCES foia_saved_searches(id),
        reason text NOT NULL,
        placed_by text NOT NULL,
        placed_at timestamptz NOT NULL,
        released_by text,
        released_at timestamptz,
        release_note text,
        CHECK ((scope = 'account') = (account_id IS NOT NULL)),
        CHECK ((scope = 'saved-search') = (saved_search_id IS NOT NULL))
      );
      CREATE INDEX legal_holds_active_accounts ON legal_holds (account_id) WHERE released_at IS NULL;
      CREATE FUNCTION legal_holds_only_release() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.released_at IS NOT NULL OR (to_jsonb(NEW) - 'released_by' - 'released_at' - 'release_note')
              IS DISTINCT FROM (to_jsonb(OLD) - 'released_by' - 'released_at' - 'release_note') THEN
            RAISE EXCEPTION 'a legal hold can only be released, once' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER legal_holds_only_release BEFORE UPDATE ON legal_holds
        FOR EACH ROW EXECUTE FUNCTION legal_holds_only_release();
      CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
        FOR EACH ROW EXECUTE FUNCTION refuse_change('released, never deleted');

      CREATE TABLE dispositions (
        id text PRIMARY KEY,
        approved_by text NOT NULL,
        approved_at timestamptz NOT NULL,
        note text NOT NULL,
        rule_ids jsonb,
        completed_at timestamptz,
        records_disposed integer NOT NULL DEFAULT 0
      );
      CREATE FUNCTION dispositions_approval_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (to_jsonb(NEW) - 'completed_at' - 'records_disposed')
              IS DISTINCT FROM (to_jsonb(OLD) - 'completed_at' - 'records_disposed') THEN
            RAISE EXCEPTION 'a disposition approval never changes' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER dispositions_approval_kept BEFORE UPDATE ON dispositions
        FOR EACH ROW EXECUTE FUNCTION dispositions_approval_kept();
      CREATE TRIGGER dispositions_no_delete BEFORE DELETE ON dispositions
        FOR EACH ROW EXECUTE FUNCTION refuse_change('append-only');

      CREATE TABLE disposed_records (
        record_seq bigint PRIMARY KEY REFERENCES records(seq),
        record_id text NOT NULL UNIQUE,
        disposition_id text NOT NULL REFERENCES dispositions(id),
        rule_id text NOT NULL REFERENCES retention_rules(id),
        citation text NOT NULL,
        disposed_at timestamptz NOT NULL,
        content_hashes jsonb NOT NULL,
        raw_capture_sha256 jsonb NOT NULL,
        media_sha256 jsonb NOT NULL
      );
      CREATE INDEX disposed_records_by_disposition ON disposed_records (disposition_id);
      CREATE TRIGGER disposed_records_append_only BEFORE UPDATE OR DELETE ON disposed_records
        FOR EACH ROW EXECUTE FUNCTION refuse_change('append-only');
      CREATE TRIGGER disposed_records_no_truncate BEFORE TRUNCATE ON disposed_records
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('append-only');

      CREATE TABLE disposed_objects (
        key text PRIMARY KEY,
        disposition_id text NOT NULL REFERENCES dispositions(id),
        deleted_at timestamptz,
        locked_until timestamptz
      );
      CREATE INDEX disposed_objects_waiting ON disposed_objects (locked_until) WHERE deleted_at IS NULL;

      CREATE INDEX record_versions_by_capture ON record_versions (raw_capture_sha256);
      CREATE INDEX foia_items_by_record ON foia_items (record_id);

      -- The one exception to immutable versions: emptied by disposition, hashes and provenance kept.
      CREATE FUNCTION record_versions_disposition_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NEW.text = '' AND NEW.attachments = '[]'::jsonb
              AND (to_jsonb(NEW) - 'text' - 'attachments') = (to_jsonb(OLD) - 'text' - 'attachments')
              AND EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = OLD.record_seq) THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'record_versions is immutable' USING ERRCODE = 'restrict_violation';
        END
      $$;
      DROP TRIGGER record_versions_immutable ON record_versions;
      CREATE TRIGGER record_versions_immutable BEFORE UPDATE OR DELETE ON record_versions
        FOR EACH ROW EXECUTE FUNCTION record_versions_disposition_only();
    `,
  },
];
