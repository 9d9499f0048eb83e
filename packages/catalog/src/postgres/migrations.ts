import { BUNDLE_MIGRATION } from './foia/bundle.migration';
import { POSTGRES_COMPLIANCE_MIGRATIONS } from './compliance-migrations';
import { POSTGRES_MODERATION_MIGRATIONS } from './moderation/moderation-migrations';
import { PEOPLE_MIGRATION } from './people/people.migration';
import { POSTGRES_RETENTION_MIGRATIONS } from './retention-migrations';
import { POSTGRES_IMPORT_MIGRATIONS } from './imports/import-migrations';
import { POSTGRES_SYNC_RUN_NOTICE_MIGRATIONS } from './sync-run-notice-migrations';
import { POSTGRES_VERSION_EDITOR_MIGRATIONS } from './version-editors/version-editor-migrations';
import { POSTGRES_POLICY_FILE_MIGRATIONS } from './compliance/policy-file-migrations';
import { POSTGRES_AUDIT_CHAIN_MIGRATIONS } from './audit/audit-chain-migrations';
import { POSTGRES_CAPTURE_CHAIN_MIGRATIONS } from './integrity/capture-chain-migrations';
import { POSTGRES_ACCESS_MIGRATIONS } from './access/access-migrations';
import { POSTGRES_NOTICE_MIGRATIONS } from './notices/notice-migrations';
import { POSTGRES_OIDC_MIGRATIONS } from './access/oidc-migrations';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The catalog's PostgreSQL schema, one numbered step at a time; numbered independently of the SQLite file's.
 * A migration is never edited once released: add a new one. Instants are timestamptz, JSON is jsonb.
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'agencies, accounts, tokens, audit log and sync state',
    sql: `
      CREATE TABLE agencies (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE accounts (
        id text PRIMARY KEY,
        agency_id text NOT NULL REFERENCES agencies(id),
        platform text NOT NULL,
        handle text NOT NULL,
        display_name text,
        url text,
        status text NOT NULL,
        connector jsonb NOT NULL,
        sync_interval_minutes integer NOT NULL,
        administrators jsonb NOT NULL,
        moderators jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX accounts_by_agency ON accounts (agency_id);

      CREATE TABLE tokens (
        id text PRIMARY KEY,
        name text NOT NULL,
        roles jsonb NOT NULL,
        secret_sha256 text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      );

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        details jsonb
      );

      CREATE TABLE sync_state (
        account_id text PRIMARY KEY REFERENCES accounts(id),
        pass_number integer NOT NULL,
        pass_token text,
        cursor text,
        status text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        last_error text,
        last_completed_pass_token text,
        last_completed_at timestamptz,
        pages_fetched integer NOT NULL DEFAULT 0,
        items_seen integer NOT NULL DEFAULT 0
      );

      -- Invariants 1 and 7 below the code: even a buggy statement cannot rewrite what was captured or audited.
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is %', TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END
      $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_change('append-only');
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('append-only');
    `,
  },
  {
    version: 2,
    name: 'captures, records, versions, tombstones, media, quarantine and the index backlog',
    sql: `
      -- Content-addressed: the same bytes are one row, whoever fetched them first.
      CREATE TABLE raw_captures (
        sha256 text PRIMARY KEY,
        key text NOT NULL,
        account_id text NOT NULL,
        content_type text NOT NULL,
        byte_length bigint NOT NULL,
        source text NOT NULL,
        captured_at timestamptz NOT NULL
      );
      -- The dashboard's captures of the last days: one range scan.
      CREATE INDEX raw_captures_by_time ON raw_captures (captured_at);

      -- seq orders records by creation (rebuild listing, backlog) and keeps the keys other tables hold small.
      CREATE TABLE records (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        account_id text NOT NULL REFERENCES accounts(id),
        agency_id text NOT NULL,
        platform text NOT NULL,
        kind text NOT NULL,
        platform_id text NOT NULL,
        parent_platform_id text,
        thread_root_platform_id text,
        author_id text,
        author_name text NOT NULL,
        author_handle text,
        text text NOT NULL,
        url text,
        posted_at timestamptz NOT NULL,
        edited_at timestamptz,
        first_captured_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        last_seen_pass integer NOT NULL,
        hidden_at timestamptz,
        status text NOT NULL,
        attachments jsonb NOT NULL,
        version_count integer NOT NULL,
        content_hash text NOT NULL,
        prior_text text NOT NULL DEFAULT '',
        UNIQUE (account_id, platform_id)
      );
      -- listUnseen runs once per pass; deleted records never need to be found by it. With seq last, the index
      -- returns them in the order listed (least recently seen, then oldest), so a large answer needs no sort.
      CREATE INDEX records_unseen ON records (account_id, last_seen_pass, seq) WHERE status <> 'deleted';
      CREATE INDEX records_replies ON records (account_id, parent_platform_id, posted_at)
        WHERE parent_platform_id IS NOT NULL;
      -- Counting by status (dashboard) and by status within an account reads this narrow index, not the rows.
      CREATE INDEX records_by_status ON records (status, account_id);

      CREATE TABLE record_versions (
        record_seq bigint NOT NULL REFERENCES records(seq),
        version integer NOT NULL CHECK (version >= 1),
        text text NOT NULL,
        attachments jsonb NOT NULL,
        edited_at timestamptz,
        content_hash text NOT NULL,
        captured_at timestamptz NOT NULL,
        raw_capture_sha256 text NOT NULL REFERENCES raw_captures(sha256),
        PRIMARY KEY (record_seq, version)
      );

      -- A record may vanish, come back and vanish again: each disappearance is a row; restored_at closes it.
      CREATE TABLE tombstones (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_seq bigint NOT NULL REFERENCES records(seq),
        detected_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        reason text NOT NULL,
        restored_at timestamptz
      );
      CREATE UNIQUE INDEX tombstones_open ON tombstones (record_seq) WHERE restored_at IS NULL;
      CREATE INDEX tombstones_by_record ON tombstones (record_seq);

      CREATE TABLE archived_media (
        account_id text NOT NULL,
        source_url text NOT NULL,
        attachment jsonb NOT NULL,
        PRIMARY KEY (account_id, source_url)
      );

      -- A whole-page reject has no item index; NULLS NOT DISTINCT keeps it to one row per capture all the same.
      CREATE TABLE quarantine (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        account_id text NOT NULL,
        raw_capture_sha256 text NOT NULL REFERENCES raw_captures(sha256),
        item_index integer,
        reason text NOT NULL,
        quarantined_at timestamptz NOT NULL,
        CONSTRAINT quarantine_once UNIQUE NULLS NOT DISTINCT (account_id, raw_capture_sha256, item_index)
      );

      -- record_id is kept (and unique) so confirming a batch as indexed needs no join; the table stays small.
      CREATE TABLE index_backlog (
        record_seq bigint PRIMARY KEY REFERENCES records(seq),
        record_id text NOT NULL UNIQUE
      );

      CREATE TRIGGER record_versions_immutable BEFORE UPDATE OR DELETE ON record_versions
        FOR EACH ROW EXECUTE FUNCTION refuse_change('immutable');
      CREATE TRIGGER record_versions_no_truncate BEFORE TRUNCATE ON record_versions
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('immutable');
      CREATE TRIGGER raw_captures_immutable BEFORE UPDATE OR DELETE ON raw_captures
        FOR EACH ROW EXECUTE FUNCTION refuse_change('immutable');
      CREATE TRIGGER raw_captures_no_truncate BEFORE TRUNCATE ON raw_captures
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('immutable');
    `,
  },
  {
    version: 3,
    name: 'FOIA requests, their transitions, gathered records, the notification outbox, settings and closure days',
    // FOIA times stay ISO text, unlike the catalog's: a receipt time keeps the offset it was given in (the local
    // day it fell on decides the deadline), and an extension may promise a local date rather than an instant.
    // Queries that compare or order them cast to timestamptz. seq columns keep insertion order.
    sql: `
      CREATE TABLE foia_number_counters (
        year integer PRIMARY KEY,
        last_sequence integer NOT NULL
      );
      CREATE TABLE foia_requests (
        id text PRIMARY KEY,
        number text NOT NULL UNIQUE,
        requester jsonb NOT NULL,
        received_at text NOT NULL,
        channel text NOT NULL,
        description text NOT NULL,
        records_category text NOT NULL,
        assigned_officer text,
        notes text,
        status text NOT NULL,
        release_kind text,
        denied_at text,
        extended_until text,
        created_at text NOT NULL,
        created_by text NOT NULL,
        updated_at text NOT NULL
      );
      CREATE INDEX foia_requests_by_status ON foia_requests (status);
      CREATE TABLE foia_transitions (
        request_id text NOT NULL REFERENCES foia_requests(id),
        sequence integer NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        at text NOT NULL,
        note text,
        PRIMARY KEY (request_id, sequence)
      );
      CREATE TRIGGER foia_transitions_append_only BEFORE UPDATE OR DELETE ON foia_transitions
        FOR EACH ROW EXECUTE FUNCTION refuse_change('append-only');
      CREATE TRIGGER foia_transitions_no_truncate BEFORE TRUNCATE ON foia_transitions
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('append-only');

      CREATE TABLE notification_outbox (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        request_id text NOT NULL REFERENCES foia_requests(id),
        event text NOT NULL,
        channel text NOT NULL,
        recipients jsonb NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at text NOT NULL,
        delivered_at text,
        relayed_at text,
        UNIQUE (request_id, channel, dedupe_key)
      );
      CREATE INDEX notification_outbox_pending ON notification_outbox (seq) WHERE status = 'pending';

      CREATE TABLE foia_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL
      );
      CREATE TABLE closure_days (
        date text PRIMARY KEY,
        reason text NOT NULL,
        added_by text NOT NULL,
        added_at text NOT NULL
      );

      CREATE TABLE foia_saved_searches (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        request_id text NOT NULL REFERENCES foia_requests(id),
        query jsonb NOT NULL,
        matched integer NOT NULL,
        created_at text NOT NULL,
        created_by text NOT NULL
      );
      CREATE INDEX foia_saved_searches_by_request ON foia_saved_searches (request_id);
      CREATE TABLE foia_items (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        request_id text NOT NULL REFERENCES foia_requests(id),
        record_id text NOT NULL,
        source text NOT NULL,
        saved_search_id text REFERENCES foia_saved_searches(id),
        added_at text NOT NULL,
        added_by text NOT NULL,
        disposition text NOT NULL DEFAULT 'produce',
        exemption_code text,
        justification text,
        redactions jsonb NOT NULL DEFAULT '[]',
        updated_at text NOT NULL,
        PRIMARY KEY (request_id, record_id)
      );
      CREATE INDEX foia_items_in_order ON foia_items (request_id, seq);
    `,
  },
  BUNDLE_MIGRATION,
  PEOPLE_MIGRATION,
  {
    version: 6,
    name: "count each record's indexed changes",
    // A search document carries it, so an index can tell an older state from a newer one (see SearchDocument).
    sql: 'ALTER TABLE records ADD COLUMN revision integer NOT NULL DEFAULT 1;',
  },
  {
    version: 7,
    name: "redacted words an officer lets stand, and why a bundle's build stopped",
    sql: `
      ALTER TABLE foia_items ADD COLUMN intended_occurrences jsonb NOT NULL DEFAULT '[]';
      ALTER TABLE bundles ADD COLUMN unredacted jsonb;
    `,
  },
  {
    version: 8,
    name: 'notifications that failed only for want of a sender wait for one instead',
    // See the SQLite migration of the same name.
    sql: `UPDATE notification_outbox SET status = 'pending', relayed_at = NULL
      WHERE status = 'failed' AND last_error LIKE 'no % sender is configured%';`,
  },
  {
    version: 9,
    name: "outbox rows about an account's health, and the health IT was last told of",
    // See the SQLite migration of the same name; here the outbox is altered in place.
    sql: `
      ALTER TABLE notification_outbox ALTER COLUMN request_id DROP NOT NULL;
      ALTER TABLE notification_outbox ADD COLUMN account_id text REFERENCES accounts(id);
      ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_one_owner
        CHECK ((request_id IS NULL) <> (account_id IS NULL));
      CREATE UNIQUE INDEX notification_outbox_account_dedupe ON notification_outbox (account_id, channel, dedupe_key)
        WHERE account_id IS NOT NULL;
      CREATE TABLE account_health (
        account_id text PRIMARY KEY REFERENCES accounts(id),
        state text NOT NULL,
        problem text,
        changed_at text NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'what each sync run captured',
    sql: `
      CREATE TABLE sync_runs (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts(id),
        pass_number integer NOT NULL,
        started_at text NOT NULL,
        ended_at text NOT NULL,
        outcome text NOT NULL,
        error text,
        resumed boolean NOT NULL,
        pages integer NOT NULL,
        items integer NOT NULL,
        created integer NOT NULL,
        new_versions integer NOT NULL,
        tombstoned integer NOT NULL,
        media_archived integer NOT NULL,
        quarantined integer NOT NULL
      );
      CREATE INDEX sync_runs_by_account ON sync_runs (account_id, seq);
    `,
  },
  // Each feature's migrations in a file of its own, listed in version order.
  ...POSTGRES_COMPLIANCE_MIGRATIONS,
  ...POSTGRES_MODERATION_MIGRATIONS,
  ...POSTGRES_RETENTION_MIGRATIONS,
  ...POSTGRES_IMPORT_MIGRATIONS,
  ...POSTGRES_VERSION_EDITOR_MIGRATIONS,
  ...POSTGRES_POLICY_FILE_MIGRATIONS,
  ...POSTGRES_SYNC_RUN_NOTICE_MIGRATIONS,
  ...POSTGRES_AUDIT_CHAIN_MIGRATIONS,
  ...POSTGRES_CAPTURE_CHAIN_MIGRATIONS,
  ...POSTGRES_ACCESS_MIGRATIONS,
  ...POSTGRES_NOTICE_MIGRATIONS,
  ...POSTGRES_OIDC_MIGRATIONS,
];
