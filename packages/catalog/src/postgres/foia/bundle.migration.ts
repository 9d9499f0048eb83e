import type { PostgresMigration } from '../migrations';

/**
 * Response bundles, where each record landed in them, and the per-prefix Bates counters. Bundle times are
 * instants the server took (`toISOString()`), so they are timestamptz like the catalog's, not FOIA's ISO text.
 * The storage itself keeps the promises a produced bundle makes: a completed bundle never changes nor goes,
 * its items are append-only, and a counter only moves forward, so a Bates number is never handed out twice.
 */
export const BUNDLE_MIGRATION: PostgresMigration = {
  version: 4,
  name: 'FOIA response bundles, their items and the Bates counters',
  sql: `
    CREATE TABLE bates_counters (
      prefix text PRIMARY KEY,
      last_number integer NOT NULL CHECK (last_number >= 0)
    );
    CREATE TABLE bundles (
      seq bigint GENERATED ALWAYS AS IDENTITY,
      id text PRIMARY KEY,
      request_id text NOT NULL REFERENCES foia_requests(id),
      status text NOT NULL,
      progress jsonb,
      bates_prefix text NOT NULL,
      bates_first integer,
      bates_last integer,
      pages integer,
      sha256 text,
      zip_sha256 text,
      pdf_key text,
      zip_key text,
      input_key text,
      error text,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      completed_at timestamptz
    );
    CREATE INDEX bundles_by_request ON bundles (request_id, created_at, seq);
    CREATE TABLE bundle_items (
      bundle_id text NOT NULL REFERENCES bundles(id),
      position integer NOT NULL,
      record_id text NOT NULL,
      disposition text NOT NULL,
      first_bates text,
      last_bates text,
      original_sha256s jsonb NOT NULL,
      PRIMARY KEY (bundle_id, position)
    );

    CREATE TRIGGER bundles_completed_are_final BEFORE UPDATE OR DELETE ON bundles
      FOR EACH ROW WHEN (OLD.status = 'completed') EXECUTE FUNCTION refuse_change('final once completed');
    CREATE TRIGGER bundles_no_truncate BEFORE TRUNCATE ON bundles
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('final once completed');
    CREATE TRIGGER bundle_items_append_only BEFORE UPDATE OR DELETE ON bundle_items
      FOR EACH ROW EXECUTE FUNCTION refuse_change('append-only');
    CREATE TRIGGER bundle_items_no_truncate BEFORE TRUNCATE ON bundle_items
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('append-only');
    CREATE TRIGGER bates_counters_move_forward BEFORE UPDATE ON bates_counters
      FOR EACH ROW WHEN (NEW.prefix <> OLD.prefix OR NEW.last_number < OLD.last_number)
      EXECUTE FUNCTION refuse_change('forward-only');
    CREATE TRIGGER bates_counters_kept BEFORE DELETE ON bates_counters
      FOR EACH ROW EXECUTE FUNCTION refuse_change('forward-only');
    CREATE TRIGGER bates_counters_no_truncate BEFORE TRUNCATE ON bates_counters
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('forward-only');
  `,
};
