import type { PostgresMigration } from '../migrations';

/** See the SQLite migrations of the same versions; here the outbox is altered in place. */
export const POSTGRES_NOTICE_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 66,
    name: 'outbox rows about a subject: a person, a token, an archived object or the town',
    sql: `
      ALTER TABLE notification_outbox ADD COLUMN subject text;
      ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_one_owner;
      ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_one_owner
        CHECK (num_nonnulls(request_id, account_id, subject) = 1);
      CREATE UNIQUE INDEX notification_outbox_subject_dedupe ON notification_outbox (subject, channel, dedupe_key)
        WHERE subject IS NOT NULL;
    `,
  },
  {
    version: 67,
    name: 'the state of each archived object IT was last told of',
    sql: `
      CREATE TABLE archive_object_notices (
        object_key text PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('intact', 'altered', 'missing')),
        account_id text,
        changed_at text NOT NULL
      );
      CREATE INDEX archive_object_notices_problems ON archive_object_notices (object_key) WHERE state <> 'intact';
    `,
  },
];
