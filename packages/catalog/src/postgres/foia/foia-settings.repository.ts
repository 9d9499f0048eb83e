import type { Pool } from 'pg';
import type { ClosureDay, FoiaSettings } from '@verbatim/foia';
// The defaults are one fact for both adapters; that module loads no SQLite code at run time (type imports only).
import { DEFAULT_FOIA_SETTINGS } from '../../sqlite/foia/foia-settings.repository';
import { withTransaction } from '../postgres-pool';

/** FOIA settings (one jsonb value per key, defaults where none is stored) and the town's closure days. */
export class FoiaSettingsRepository {
  constructor(private readonly pool: Pool) {}

  async get(): Promise<FoiaSettings> {
    const { rows } = await this.pool.query<{ key: string; value: unknown }>('SELECT key, value FROM foia_settings');
    return { ...DEFAULT_FOIA_SETTINGS, ...Object.fromEntries(rows.map((row) => [row.key, row.value])) };
  }

  /** Keys that are not settings are ignored; the patch is written in one transaction. */
  async update(patch: Partial<FoiaSettings>): Promise<FoiaSettings> {
    await withTransaction(this.pool, async (client) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || !(key in DEFAULT_FOIA_SETTINGS)) continue;
        await client.query(
          `INSERT INTO foia_settings (key, value) VALUES ($1, $2::jsonb)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, JSON.stringify(value)],
        );
      }
    });
    return this.get();
  }

  async listClosureDays(): Promise<ClosureDay[]> {
    const { rows } = await this.pool.query<{ date: string; reason: string; added_by: string; added_at: string }>(
      'SELECT * FROM closure_days ORDER BY date',
    );
    return rows.map((row) => ({ date: row.date, reason: row.reason, addedBy: row.added_by, addedAt: row.added_at }));
  }

  async addClosureDay(day: ClosureDay): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO closure_days (date, reason, added_by, added_at)
      VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [day.date, day.reason, day.addedBy, day.addedAt],
    );
    return rowCount === 1;
  }

  async removeClosureDay(date: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM closure_days WHERE date = $1', [date]);
    return rowCount === 1;
  }
}
