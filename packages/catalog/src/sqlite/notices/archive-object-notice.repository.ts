import type Database from 'better-sqlite3';
import type { AnnouncedObject, ObjectState } from '@verbatim/foia';

interface ObjectNoticeRow {
  object_key: string;
  state: ObjectState;
  account_id: string | null;
  changed_at: string;
}

const fromRow = (row: ObjectNoticeRow): AnnouncedObject => ({
  key: row.object_key,
  state: row.state,
  accountId: row.account_id,
  changedAt: row.changed_at,
});

/** The state of each archived object IT was last told of; written with the outbox rows announcing it. */
export class ArchiveObjectNoticeRepository {
  private readonly selectOne: Database.Statement<[string], ObjectNoticeRow>;
  private readonly selectProblems: Database.Statement<[], ObjectNoticeRow>;
  private readonly selectProblemsAmong: Database.Statement<[string], ObjectNoticeRow>;
  private readonly upsert: Database.Statement<[string, string, string | null, string]>;

  constructor(db: Database.Database) {
    this.selectOne = db.prepare('SELECT * FROM archive_object_notices WHERE object_key = ?');
    this.selectProblems = db.prepare(
      "SELECT * FROM archive_object_notices WHERE state <> 'intact' ORDER BY changed_at, object_key",
    );
    this.selectProblemsAmong = db.prepare(`SELECT * FROM archive_object_notices
      WHERE state <> 'intact' AND object_key IN (SELECT value FROM json_each(?)) ORDER BY changed_at, object_key`);
    this.upsert = db.prepare(`INSERT INTO archive_object_notices (object_key, state, account_id, changed_at)
      VALUES (?, ?, ?, ?) ON CONFLICT (object_key) DO UPDATE SET state = excluded.state,
        account_id = excluded.account_id, changed_at = excluded.changed_at`);
  }

  get(key: string): AnnouncedObject | null {
    const row = this.selectOne.get(key);
    return row ? fromRow(row) : null;
  }

  listProblems(keys?: readonly string[]): AnnouncedObject[] {
    const rows = keys ? this.selectProblemsAmong.all(JSON.stringify(keys)) : this.selectProblems.all();
    return rows.map(fromRow);
  }

  /** Call inside the caller's transaction. */
  put(object: AnnouncedObject): void {
    this.upsert.run(object.key, object.state, object.accountId, object.changedAt);
  }
}
