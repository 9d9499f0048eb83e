import type { Migration } from './migrations';

/**
 * Retention rules, legal holds and dispositions (SQLite versions 26–31). Disposition is the only change ever
 * allowed to a record version: its text emptied and attachments cleared, everything else (hashes, capture,
 * times) kept, and only once a disposition tombstone for its record exists; tombstones are append-only and name
 * an approval. Raw capture rows are never changed: their objects are deleted from storage and the deletion is
 * recorded in disposed_objects.
 */
export const RETENTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 26,
    name: 'retention rules, legal holds, dispositions and their tombstones',
    sql: `
      CREATE TABLE retention_rules (
        id TEXT PRIMARY KEY,
        agency_id TEXT REFERENCES agencies(id),
        account_id TEXT REFERENCES accounts(id),
        kind TEXT,
        retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0),
        citation TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_by TEXT,
        retired_at TEXT
      );
      CREATE TRIGGER retention_rules_no_delete BEFORE DELETE ON retention_rules
        BEGIN SELECT RAISE(ABORT, 'retention_rules are retired, never deleted'); END;
      CREATE TRIGGER retention_rules_only_retire BEFORE UPDATE ON retention_rules
        WHEN OLD.retired_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.agency_id IS NOT OLD.agency_id
          OR NEW.account_id IS NOT OLD.account_id OR NEW.kind IS NOT OLD.kind
          OR NEW.retention_days IS NOT OLD.retention_days OR NEW.citation IS NOT OLD.citation
          OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
        BEGIN SELECT RAISE(ABORT, 'a retention rule can only be retired, once'); END;

      CREATE TABLE legal_holds (
        id TEXT PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('account', 'saved-search')),
        account_id TEXT REFERENCES accounts(id),
        saved_search_id TEXT REFERENCES foia_saved_searches(id),
        reason TEXT NOT NULL,
        placed_by TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        released_by TEXT,
        released_at TEXT,
        release_note TEXT,
        CHECK ((scope = 'account') = (account_id IS NOT NULL)),
        CHECK ((scope = 'saved-search') = (saved_search_id IS NOT NULL))
      );
      CREATE INDEX legal_holds_active_accounts ON legal_holds (account_id) WHERE released_at IS NULL;
      CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
        BEGIN SELECT RAISE(ABORT, 'legal_holds are released, never deleted'); END;
      CREATE TRIGGER legal_holds_only_release BEFORE UPDATE ON legal_holds
        WHEN OLD.released_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.scope IS NOT OLD.scope
          OR NEW.account_id IS NOT OLD.account_id OR NEW.saved_search_id IS NOT OLD.saved_search_id
          OR NEW.reason IS NOT OLD.reason OR NEW.placed_by IS NOT OLD.placed_by OR NEW.placed_at IS NOT OLD.placed_at
        BEGIN SELECT RAISE(ABORT, 'a legal hold can only be released, once'); END;

      CREATE TABLE dispositions (
        id TEXT PRIMARY KEY,
        approved_by TEXT NOT NULL,
        approved_at TEXT NOT NULL,
        note TEXT NOT NULL,
        rule_ids_json TEXT,
        completed_at TEXT,
        records_disposed INTEGER NOT NULL DEFAULT 0
      );
      CREATE TRIGGER dispositions_no_delete BEFORE DELETE ON dispositions
        BEGIN SELECT RAISE(ABORT, 'dispositions are append-only'); END;
      CREATE TRIGGER dispositions_approval_kept BEFORE UPDATE ON dispositions
        WHEN NEW.id IS NOT OLD.id OR NEW.approved_by IS NOT OLD.approved_by OR NEW.approved_at IS NOT OLD.approved_at
          OR NEW.note IS NOT OLD.note OR NEW.rule_ids_json IS NOT OLD.rule_ids_json
        BEGIN SELECT RAISE(ABORT, 'a disposition approval never changes'); END;

      CREATE TABLE disposed_records (
        record_seq INTEGER PRIMARY KEY REFERENCES records(seq),
        record_id TEXT NOT NULL UNIQUE,
        disposition_id TEXT NOT NULL REFERENCES dispositions(id),
        rule_id TEXT NOT NULL REFERENCES retention_rules(id),
        citation TEXT NOT NULL,
        disposed_at TEXT NOT NULL,
        content_hashes_json TEXT NOT NULL,
        raw_capture_sha256_json TEXT NOT NULL,
        media_sha256_json TEXT NOT NULL
      );
      CREATE INDEX disposed_records_by_disposition ON disposed_records (disposition_id);
      CREATE TRIGGER disposed_records_no_update BEFORE UPDATE ON disposed_records
        BEGIN SELECT RAISE(ABORT, 'disposed_records are append-only'); END;
      CREATE TRIGGER disposed_records_no_delete BEFORE DELETE ON disposed_records
        BEGIN SELECT RAISE(ABORT, 'disposed_records are append-only'); END;

      CREATE TABLE disposed_objects (
        key TEXT PRIMARY KEY,
        disposition_id TEXT NOT NULL REFERENCES dispositions(id),
        deleted_at TEXT,
        locked_until TEXT
      );
      CREATE INDEX disposed_objects_waiting ON disposed_objects (locked_until) WHERE deleted_at IS NULL;

      -- Which versions came from a capture: deciding whether a capture is still used must not scan every version.
      CREATE INDEX record_versions_by_capture ON record_versions (raw_capture_sha256);
      -- Whether an open request gathered a record: asked of every record a disposition report looks at.
      CREATE INDEX foia_items_by_record ON foia_items (record_id);

      -- The one exception to immutable versions: emptied by disposition, hashes and provenance kept.
      DROP TRIGGER record_versions_no_update;
      CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
        WHEN NOT (
          NEW.text = '' AND NEW.attachments_json = '[]'
          AND NEW.record_seq IS OLD.record_seq AND NEW.version IS OLD.version
          AND NEW.content_hash IS OLD.content_hash AND NEW.raw_capture_sha256 IS OLD.raw_capture_sha256
          AND NEW.captured_at IS OLD.captured_at AND NEW.edited_at IS OLD.edited_at
          AND EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = OLD.record_seq)
        )
        BEGIN SELECT RAISE(ABORT, 'record_versions are immutable'); END;
    `,
  },
];
