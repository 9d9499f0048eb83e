import type { PostgresMigration } from '../migrations';

/**
 * Who made each version on the platform (PostgreSQL versions 40–41); see the SQLite twin. Disposition's one
 * permitted UPDATE now also clears the editor.
 */
export const POSTGRES_VERSION_EDITOR_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 40,
    name: 'the editor of each record version',
    sql: `
      ALTER TABLE record_versions ADD COLUMN author_id text, ADD COLUMN author_name text, ADD COLUMN author_handle text;

      CREATE OR REPLACE FUNCTION record_versions_disposition_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' AND NEW.text = '' AND NEW.attachments = '[]'::jsonb
              AND NEW.author_id IS NULL AND NEW.author_name IS NULL AND NEW.author_handle IS NULL
              AND (to_jsonb(NEW) - 'text' - 'attachments' - 'author_id' - 'author_name' - 'author_handle')
                = (to_jsonb(OLD) - 'text' - 'attachments' - 'author_id' - 'author_name' - 'author_handle')
              AND EXISTS (SELECT 1 FROM disposed_records d WHERE d.record_seq = OLD.record_seq) THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'record_versions is immutable' USING ERRCODE = 'restrict_violation';
        END
      $$;
    `,
  },
];
