import type Database from 'better-sqlite3';
import { RETENTION_MIGRATIONS } from './retention-migrations';
import { COMPLIANCE_MIGRATIONS } from './compliance-migrations';
import { MODERATION_MIGRATIONS } from './moderation-migrations';
import { IMPORT_MIGRATIONS } from './imports/import-migrations';
import { SYNC_RUN_NOTICE_MIGRATIONS } from './sync-run-notice-migrations';
import { VERSION_EDITOR_MIGRATIONS } from './version-editors/version-editor-migrations';
import { POLICY_FILE_MIGRATIONS } from './compliance/policy-file-migrations';
import { AUDIT_CHAIN_MIGRATIONS } from './audit/audit-chain-migrations';
import { CAPTURE_CHAIN_MIGRATIONS } from './integrity/capture-chain-migrations';
import { ACCESS_MIGRATIONS } from './access/access-migrations';
import { NOTICE_MIGRATIONS } from './notices/notice-migrations';
import { OIDC_MIGRATIONS } from './access/oidc-migrations';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The catalog's schema, one numbered step at a time. A migration is never edited once released: add a new one.
 * Tables prefixed `search_` belong to the SQLite search index that shares this file and are never touched here.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE agencies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        agency_id TEXT NOT NULL REFERENCES agencies(id),
        platform TEXT NOT NULL,
        handle TEXT NOT NULL,
        display_name TEXT,
        url TEXT,
        status TEXT NOT NULL,
        connector_json TEXT NOT NULL,
        sync_interval_minutes INTEGER NOT NULL,
        administrators_json TEXT NOT NULL,
        moderators_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX accounts_by_agency ON accounts(agency_id);

      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        roles_json TEXT NOT NULL,
        secret_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      -- Content-addressed: the same bytes are one row, whoever fetched them first.
      CREATE TABLE raw_captures (
        sha256 TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        account_id TEXT NOT NULL,
        content_type TEXT NOT NULL,
        byte_length INTEGER NOT NULL,
        source TEXT NOT NULL,
        captured_at TEXT NOT NULL
      ) WITHOUT ROWID;

      -- seq is the rowid: other tables point at it, so their keys stay small and inserts stay sequential.
      -- id is looked up through the record-id index (see record-id-index.ts), not a UNIQUE index here.
      -- It is unique all the same, being a hash of (account_id, platform_id), which is UNIQUE.
      CREATE TABLE records (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        agency_id TEXT NOT NULL,
        platform TEXT NOT NULL,
        kind TEXT NOT NULL,
        platform_id TEXT NOT NULL,
        parent_platform_id TEXT,
        thread_root_platform_id TEXT,
        author_id TEXT,
        author_name TEXT NOT NULL,
        author_handle TEXT,
        text TEXT NOT NULL,
        url TEXT,
        posted_at TEXT NOT NULL,
        edited_at TEXT,
        first_captured_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        last_seen_pass INTEGER NOT NULL,
        hidden_at TEXT,
        status TEXT NOT NULL,
        attachments_json TEXT NOT NULL,
        version_count INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        prior_text TEXT NOT NULL DEFAULT '',
        UNIQUE (account_id, platform_id)
      );
      -- listUnseen runs once per pass; deleted records never need to be found by it.
      CREATE INDEX records_unseen ON records(account_id, last_seen_pass) WHERE status <> 'deleted';
      CREATE INDEX records_replies ON records(account_id, parent_platform_id, posted_at)
        WHERE parent_platform_id IS NOT NULL;

      -- The id index, maintained in batches: ids of new records are appended to the tail (in seq order, cheap)
      -- and moved into record_ids, sorted, once the tail is long enough.
      CREATE TABLE record_ids (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE record_ids_tail (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL
      );

      CREATE TABLE record_versions (
        record_seq INTEGER NOT NULL REFERENCES records(seq),
        version INTEGER NOT NULL,
        text TEXT NOT NULL,
        attachments_json TEXT NOT NULL,
        edited_at TEXT,
        content_hash TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        raw_capture_sha256 TEXT NOT NULL REFERENCES raw_captures(sha256),
        PRIMARY KEY (record_seq, version)
      ) WITHOUT ROWID;

      -- A record may vanish, come back and vanish again: each disappearance is a row; restored_at closes it.
      CREATE TABLE tombstones (
        id INTEGER PRIMARY KEY,
        record_seq INTEGER NOT NULL REFERENCES records(seq),
        detected_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        restored_at TEXT
      );
      CREATE UNIQUE INDEX tombstones_open ON tombstones(record_seq) WHERE restored_at IS NULL;
      CREATE INDEX tombstones_by_record ON tombstones(record_seq);

      CREATE TABLE archived_media (
        account_id TEXT NOT NULL,
        source_url TEXT NOT NULL,
        attachment_json TEXT NOT NULL,
        PRIMARY KEY (account_id, source_url)
      ) WITHOUT ROWID;

      CREATE TABLE quarantine (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        raw_capture_sha256 TEXT NOT NULL REFERENCES raw_captures(sha256),
        item_index INTEGER,
        reason TEXT NOT NULL,
        quarantined_at TEXT NOT NULL
      );
      -- NULLs are distinct in a plain UNIQUE, so a whole-page reject (null index) is keyed as -1.
      CREATE UNIQUE INDEX quarantine_once
        ON quarantine(account_id, raw_capture_sha256, coalesce(item_index, -1));

      CREATE TABLE sync_state (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        pass_number INTEGER NOT NULL,
        pass_token TEXT,
        cursor TEXT,
        status TEXT NOT NULL,
        started_at TEXT,
        completed_at TEXT,
        last_error TEXT,
        last_completed_pass_token TEXT,
        last_completed_at TEXT,
        pages_fetched INTEGER NOT NULL DEFAULT 0,
        items_seen INTEGER NOT NULL DEFAULT 0
      );

      -- record_id is kept (and indexed) so confirming a batch as indexed needs no id lookup; the table stays small.
      CREATE TABLE index_backlog (
        record_seq INTEGER PRIMARY KEY REFERENCES records(seq),
        record_id TEXT NOT NULL UNIQUE
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        details_json TEXT
      );

      -- Invariant 1 and 7, enforced below the code: even a buggy statement cannot rewrite what was captured.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
        BEGIN SELECT RAISE(ABORT, 'record_versions are immutable'); END;
      CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
        BEGIN SELECT RAISE(ABORT, 'record_versions are immutable'); END;
      CREATE TRIGGER raw_captures_no_update BEFORE UPDATE ON raw_captures
        BEGIN SELECT RAISE(ABORT, 'raw_captures are immutable'); END;
      CREATE TRIGGER raw_captures_no_delete BEFORE DELETE ON raw_captures
        BEGIN SELECT RAISE(ABORT, 'raw_captures are immutable'); END;
    `,
  },
  {
    version: 2,
    name: 'index the recent record ids',
    // Without it every lookup by id scans the whole tail (7 ms for 20 ids at 28k tail rows); the tail is small
    // enough that keeping this index costs ingest little.
    sql: `CREATE INDEX record_ids_tail_by_id ON record_ids_tail (id);`,
  },
  {
    version: 3,
    name: 'FOIA requests, their transitions, the notification outbox, settings and closure days',
    sql: `
      CREATE TABLE foia_number_counters (
        year INTEGER PRIMARY KEY,
        last_sequence INTEGER NOT NULL
      );
      CREATE TABLE foia_requests (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        requester_json TEXT NOT NULL,
        received_at TEXT NOT NULL,
        channel TEXT NOT NULL,
        description TEXT NOT NULL,
        records_category TEXT NOT NULL,
        assigned_officer TEXT,
        notes TEXT,
        status TEXT NOT NULL,
        release_kind TEXT,
        denied_at TEXT,
        extended_until TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX foia_requests_by_received ON foia_requests (received_at DESC);
      CREATE TABLE foia_transitions (
        request_id TEXT NOT NULL REFERENCES foia_requests(id),
        sequence INTEGER NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (request_id, sequence)
      );
      CREATE TRIGGER foia_transitions_no_update BEFORE UPDATE ON foia_transitions
        BEGIN SELECT RAISE(ABORT, 'foia_transitions is append-only'); END;
      CREATE TRIGGER foia_transitions_no_delete BEFORE DELETE ON foia_transitions
        BEGIN SELECT RAISE(ABORT, 'foia_transitions is append-only'); END;
      CREATE TABLE notification_outbox (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES foia_requests(id),
        event TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipients_json TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        relayed_at TEXT,
        UNIQUE (request_id, channel, dedupe_key)
      );
      CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE status = 'pending';
      CREATE TABLE foia_settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
      CREATE TABLE closure_days (
        date TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'records gathered for FOIA requests and the searches that found them',
    sql: `
      CREATE TABLE foia_saved_searches (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES foia_requests(id),
        query_json TEXT NOT NULL,
        matched INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE INDEX foia_saved_searches_by_request ON foia_saved_searches (request_id);
      CREATE TABLE foia_items (
        request_id TEXT NOT NULL REFERENCES foia_requests(id),
        record_id TEXT NOT NULL,
        source TEXT NOT NULL,
        saved_search_id TEXT REFERENCES foia_saved_searches(id),
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        disposition TEXT NOT NULL DEFAULT 'produce',
        exemption_code TEXT,
        justification TEXT,
        redactions_json TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (request_id, record_id)
      );
    `,
  },
  {
    version: 5,
    name: 'FOIA response bundles, their items and the Bates counters',
    sql: `
      CREATE TABLE bates_counters (
        prefix TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      CREATE TABLE bundles (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES foia_requests(id),
        status TEXT NOT NULL,
        progress_json TEXT,
        bates_prefix TEXT NOT NULL,
        bates_first INTEGER,
        bates_last INTEGER,
        pages INTEGER,
        sha256 TEXT,
        zip_sha256 TEXT,
        pdf_key TEXT,
        zip_key TEXT,
        input_key TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        completed_at TEXT
      );
      CREATE INDEX bundles_by_request ON bundles (request_id);
      CREATE TABLE bundle_items (
        bundle_id TEXT NOT NULL REFERENCES bundles(id),
        position INTEGER NOT NULL,
        record_id TEXT NOT NULL,
        disposition TEXT NOT NULL,
        first_bates TEXT,
        last_bates TEXT,
        original_sha256s_json TEXT NOT NULL,
        PRIMARY KEY (bundle_id, position)
      );
      CREATE TRIGGER bundle_items_no_update BEFORE UPDATE ON bundle_items
        BEGIN SELECT RAISE(ABORT, 'bundle_items is append-only'); END;
      CREATE TRIGGER bundle_items_no_delete BEFORE DELETE ON bundle_items
        BEGIN SELECT RAISE(ABORT, 'bundle_items is append-only'); END;
      CREATE TRIGGER bundles_completed_are_final BEFORE UPDATE ON bundles WHEN OLD.status = 'completed'
        BEGIN SELECT RAISE(ABORT, 'a completed bundle never changes'); END;
    `,
  },
  {
    version: 6,
    name: 'people who sign in, and their sessions',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        roles_json TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled_at TEXT
      );
      CREATE TABLE sessions (
        secret_sha256 TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
    `,
  },
  {
    version: 7,
    name: 'index records by status and captures by time, for the dashboard',
    // Counting by status then reads a narrow covering index instead of every record (text included), and the
    // captures of the last days are one range scan.
    sql: `
      CREATE INDEX records_by_status ON records (status);
      CREATE INDEX raw_captures_by_time ON raw_captures (captured_at);
    `,
  },
  {
    version: 8,
    name: "count each record's indexed changes",
    // A search document carries it, so an index can tell an older state from a newer one (see SearchDocument).
    sql: 'ALTER TABLE records ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;',
  },
  {
    version: 9,
    name: 'key the record-id index by 8 bytes of each id',
    // See record-id-index.ts. Every id moves into the sorted part at once (a few seconds at a million records);
    // an id not of the form rec_<24 hex digits> has no key and fails the NOT NULL here rather than go unfound.
    sql: `
      CREATE TABLE record_id_keys (
        key BLOB NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (key, seq)
      ) WITHOUT ROWID;
      CREATE TABLE record_id_keys_tail (
        seq INTEGER PRIMARY KEY,
        key BLOB NOT NULL
      );
      CREATE INDEX record_id_keys_tail_by_key ON record_id_keys_tail (key);
      INSERT INTO record_id_keys (key, seq) SELECT unhex(substr(id, 5, 16)), seq FROM records ORDER BY 1, 2;
      DROP TABLE record_ids;
      DROP TABLE record_ids_tail;
    `,
  },
  {
    version: 10,
    name: "redacted words an officer lets stand, and why a bundle's build stopped",
    sql: `
      ALTER TABLE foia_items ADD COLUMN intended_occurrences_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE bundles ADD COLUMN unredacted_json TEXT;
    `,
  },
  {
    version: 11,
    name: 'notifications that failed only for want of a sender wait for one instead',
    // Before, a delivery logged while SMTP_URL or NOTIFY_WEBHOOK_URL was unset failed for good with this error;
    // now it waits, pending, and goes out at the first start that has the setting. Those old ones join them.
    sql: `UPDATE notification_outbox SET status = 'pending', relayed_at = NULL
      WHERE status = 'failed' AND last_error LIKE 'no % sender is configured%';`,
  },
  {
    version: 12,
    name: "outbox rows about an account's health, and the health IT was last told of",
    // SQLite cannot drop a NOT NULL: the outbox is rebuilt (rowids kept, so the order of equal times stays), then
    // its indexes. A row belongs to a request or to an account, never both; an account's dedupe keys are its own.
    sql: `
      CREATE TABLE notification_outbox_new (
        id TEXT PRIMARY KEY,
        request_id TEXT REFERENCES foia_requests(id),
        account_id TEXT REFERENCES accounts(id),
        event TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipients_json TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        relayed_at TEXT,
        UNIQUE (request_id, channel, dedupe_key),
        CHECK ((request_id IS NULL) <> (account_id IS NULL))
      );
      INSERT INTO notification_outbox_new (rowid, id, request_id, event, channel, recipients_json, payload_json,
          dedupe_key, status, attempts, last_error, created_at, delivered_at, relayed_at)
        SELECT rowid, id, request_id, event, channel, recipients_json, payload_json, dedupe_key, status, attempts,
          last_error, created_at, delivered_at, relayed_at
        FROM notification_outbox ORDER BY rowid;
      DROP TABLE notification_outbox;
      ALTER TABLE notification_outbox_new RENAME TO notification_outbox;
      CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE status = 'pending';
      CREATE UNIQUE INDEX notification_outbox_account_dedupe ON notification_outbox (account_id, channel, dedupe_key)
        WHERE account_id IS NOT NULL;
      CREATE TABLE account_health (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id),
        state TEXT NOT NULL,
        problem TEXT,
        changed_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 13,
    name: 'what each sync run captured',
    sql: `
      CREATE TABLE sync_runs (
        seq INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        pass_number INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        error TEXT,
        resumed INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        items INTEGER NOT NULL,
        created INTEGER NOT NULL,
        new_versions INTEGER NOT NULL,
        tombstoned INTEGER NOT NULL,
        media_archived INTEGER NOT NULL,
        quarantined INTEGER NOT NULL
      );
      CREATE INDEX sync_runs_by_account ON sync_runs (account_id, seq);
    `,
  },
  // Each feature's migrations in a file of its own, listed in version order.
  ...COMPLIANCE_MIGRATIONS,
  ...MODERATION_MIGRATIONS,
  ...RETENTION_MIGRATIONS,
  ...IMPORT_MIGRATIONS,
  ...VERSION_EDITOR_MIGRATIONS,
  ...POLICY_FILE_MIGRATIONS,
  ...SYNC_RUN_NOTICE_MIGRATIONS,
  ...AUDIT_CHAIN_MIGRATIONS,
  ...CAPTURE_CHAIN_MIGRATIONS,
  ...ACCESS_MIGRATIONS,
  ...NOTICE_MIGRATIONS,
  ...OIDC_MIGRATIONS,
];

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own immediate transaction so
 * two processes opening the same file at once cannot both apply it.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      applied.push(migration.version);
    });
    apply.immediate();
  }
  return applied;
}
