import { seedPolicyCategoriesSql } from '../../moderation-seed';
import type { PostgresMigration } from '../migrations';

/**
 * The moderation workflow's tables (versions 17–22 are this workflow's); see the SQLite migrations of the same
 * names. Instants are kept as the ISO text they were written with. Spread into POSTGRES_MIGRATIONS.
 */
export const POSTGRES_MODERATION_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 17,
    name: 'policy categories (seeded with Exhibit A) and moderation reviews',
    sql: `
      CREATE TABLE policy_categories (
        id text PRIMARY KEY,
        label text NOT NULL,
        retired_at text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        position integer NOT NULL
      );
      ${seedPolicyCategoriesSql()}
      CREATE TABLE moderation_reviews (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        record_id text NOT NULL REFERENCES records(id),
        account_id text NOT NULL REFERENCES accounts(id),
        action text NOT NULL CHECK (action IN ('remove-comment', 'ban-user')),
        categories jsonb NOT NULL,
        note text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
        proposed_by text NOT NULL,
        proposed_at text NOT NULL,
        decisions jsonb NOT NULL,
        carried_out jsonb
      );
      CREATE INDEX moderation_reviews_by_record ON moderation_reviews (record_id, seq);
      CREATE INDEX moderation_reviews_by_status ON moderation_reviews (status, seq);
    `,
  },
  {
    version: 18,
    name: 'the moderation ledger: every hide and disappearance, once',
    sql: `
      CREATE TABLE moderation_ledger (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        record_id text NOT NULL REFERENCES records(id),
        account_id text NOT NULL REFERENCES accounts(id),
        change text NOT NULL CHECK (change IN ('hidden', 'deleted')),
        detected_at text NOT NULL,
        review_id text REFERENCES moderation_reviews(id),
        unreviewed boolean NOT NULL,
        resolution jsonb,
        UNIQUE (record_id, change)
      );
      CREATE INDEX moderation_ledger_by_account ON moderation_ledger (account_id, detected_at);
      CREATE INDEX records_hidden_or_deleted ON records (seq) WHERE status IN ('hidden', 'deleted');
    `,
  },
];
