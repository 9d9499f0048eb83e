import type { Migration } from '../migrations';

/**
 * Notices about neither a request nor an account (versions 66–67 are this feature's): grants of privileged roles,
 * told to the attorney's office, and archived objects found altered or missing, told to IT once per change.
 */
export const NOTICE_MIGRATIONS: readonly Migration[] = [
  {
    version: 66,
    name: 'outbox rows about a subject: a person, a token, an archived object or the town',
    // SQLite cannot change a CHECK: the outbox is rebuilt as in migration 12 (rowids kept, so the order of equal
    // times stays), then every index it had. A row belongs to exactly one of a request, an account or a subject.
    sql: `
      CREATE TABLE notification_outbox_new (
        id TEXT PRIMARY KEY,
        request_id TEXT REFERENCES foia_requests(id),
        account_id TEXT REFERENCES accounts(id),
        subject TEXT,
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
        CHECK ((request_id IS NOT NULL) + (account_id IS NOT NULL) + (subject IS NOT NULL) = 1)
      );
      INSERT INTO notification_outbox_new (rowid, id, request_id, account_id, event, channel, recipients_json,
          payload_json, dedupe_key, status, attempts, last_error, created_at, delivered_at, relayed_at)
        SELECT rowid, id, request_id, account_id, event, channel, recipients_json, payload_json, dedupe_key, status,
          attempts, last_error, created_at, delivered_at, relayed_at
        FROM notification_outbox ORDER BY rowid;
      DROP TABLE notification_outbox;
      ALTER TABLE notification_outbox_new RENAME TO notification_outbox;
      CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE status = 'pending';
      CREATE UNIQUE INDEX notification_outbox_account_dedupe ON notification_outbox (account_id, channel, dedupe_key)
        WHERE account_id IS NOT NULL;
      CREATE UNIQUE INDEX notification_outbox_subject_dedupe ON notification_outbox (subject, channel, dedupe_key)
        WHERE subject IS NOT NULL;
    `,
  },
  {
    version: 67,
    name: 'the state of each archived object IT was last told of',
    sql: `
      CREATE TABLE archive_object_notices (
        object_key TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('intact', 'altered', 'missing')),
        account_id TEXT,
        changed_at TEXT NOT NULL
      );
      CREATE INDEX archive_object_notices_problems ON archive_object_notices (object_key) WHERE state <> 'intact';
    `,
  },
];
