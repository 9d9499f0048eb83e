import type { Migration } from '../migrations';

/**
 * Who made each version on the platform (a wiki page's editor; versions 40–41 are this feature's). Versions
 * written before this feature have no editor of their own: reads fall back to the record's author, the only
 * person who can edit a post on the platforms archived until then. Disposition may clear the editor with the
 * text, and only then.
 */
export const VERSION_EDITOR_MIGRATIONS: readonly Migration[] = [
  {
    version: 40,
    name: 'the editor of each record version',
    sql: `
      ALTER TABLE record_versions ADD COLUMN author_id TEXT;
      ALTER TABLE record_versions ADD COLUMN author_name TEXT;
      ALTER TABLE record_versions ADD COLUMN author_handle TEXT;

      DROP TRIGGER record_versions_no_update;
      CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
        WHEN NOT (
          NEW.text = '' AND NEW.attachments_json = '[]'
          AND NEW.author_id IS NULL AND NEW.author_name IS NULL AND NEW.author_handle IS NULL
          AND NEW.record_seq IS OLD.record_seq AND NEW.version IS OLD.version
          AND NEW.content_hash IS OLD.content_hash AND NEW.raw_capture_sha256 IS OLD.raw_capture_sha256
          AND NEW.captured_at IS OLD.captured_at AND NEW.edited_at IS OLD.edited_at
          AND EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = OLD.record_seq)
        )
        BEGIN SELECT RAISE(ABORT, 'record_versions are immutable'); END;
    `,
  },
];
