import type { Pool } from 'pg';
import type { AnnouncedObject, ObjectState } from '@verbatim/foia';
import type { Queryable } from '../postgres-pool';

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
  constructor(private readonly pool: Pool) {}

  async listProblems(keys?: readonly string[]): Promise<AnnouncedObject[]> {
    const { rows } = await this.pool.query<ObjectNoticeRow>(
      `SELECT * FROM archive_object_notices WHERE state <> 'intact' AND ($1::text[] IS NULL OR object_key = ANY($1))
      ORDER BY changed_at, object_key COLLATE "C"`,
      [keys ? [...keys] : null],
    );
    return rows.map(fromRow);
  }

  /** Inside the caller's transaction: the object's row locked until it ends. Null when none exists. */
  async lock(client: Queryable, key: string): Promise<AnnouncedObject | null> {
    const { rows } = await client.query<ObjectNoticeRow>(
      'SELECT * FROM archive_object_notices WHERE object_key = $1 FOR UPDATE',
      [key],
    );
    return rows.length ? fromRow(rows[0]) : null;
  }

  /** Inside the caller's transaction: false when a row for the key exists (another check wrote it first). */
  async insertIfAbsent(client: Queryable, object: AnnouncedObject): Promise<boolean> {
    const { rowCount } = await client.query(
      `INSERT INTO archive_object_notices (object_key, state, account_id, changed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (object_key) DO NOTHING`,
      [object.key, object.state, object.accountId, object.changedAt],
    );
    return rowCount === 1;
  }

  /** Inside the caller's transaction, on a row `lock` returned. */
  async update(client: Queryable, object: AnnouncedObject): Promise<void> {
    await client.query(
      'UPDATE archive_object_notices SET state = $2, account_id = $3, changed_at = $4 WHERE object_key = $1',
      [object.key, object.state, object.accountId, object.changedAt],
    );
  }
}
