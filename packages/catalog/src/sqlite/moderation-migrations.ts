import { seedPolicyCategoriesSql } from '../moderation-seed';
import type { Migration } from './migrations';

/**
 * The moderation workflow's tables (versions 20–25 are this workflow's): the town's removal categories, seeded
 * with Westport's Exhibit A, and the reviews of proposed removals and bans. Spread into MIGRATIONS.
 */
export const MODERATION_MIGRATIONS: readonly Migration[] = [
  {
    version: 20,
    name: 'policy categories (seeded with Exhibit A) and moderation reviews',
    sql: `
      CREATE TABLE policy_categories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        retired_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      ${seedPolicyCategoriesSql()}
      CREATE TABLE moderation_reviews (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        record_id TEXT NOT NULL, -- records.id has no unique index here (records are keyed by seq); the app checks it
        account_id TEXT NOT NULL REFERENCES accounts(id),
        action TEXT NOT NULL CHECK (action IN ('remove-comment', 'ban-user')),
        categories_json TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied')),
        proposed_by TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        decisions_json TEXT NOT NULL,
        carried_out_json TEXT
      );
      CREATE INDEX moderation_reviews_by_record ON moderation_reviews (record_id, seq);
      CREATE INDEX moderation_reviews_by_status ON moderation_reviews (status, seq);
    `,
  },
  {
    version: 21,
    name: 'the moderation ledger: every hide and disappearance, once',
    sql: `
      CREATE TABLE moderation_ledger (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        record_id TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        change TEXT NOT NULL CHECK (change IN ('hidden', 'deleted')),
        detected_at TEXT NOT NULL,
        review_id TEXT REFERENCES moderation_reviews(id),
        unreviewed INTEGER NOT NULL,
        resolution_json TEXT,
        UNIQUE (record_id, change)
      );
      CREATE INDEX moderation_ledger_by_account ON moderation_ledger (account_id, detected_at);
      CREATE INDEX records_hidden_or_deleted ON records (seq) WHERE status IN ('hidden', 'deleted');
    `,
  },
];
