import type Database from 'better-sqlite3';
import type { ClosureDay, FoiaSettings } from '@verbatim/foia';

/** Defaults until IT changes them; null lists mean "the Connecticut defaults shipped with @verbatim/foia". */
export const DEFAULT_FOIA_SETTINGS: FoiaSettings = {
  holidayRules: null,
  productionTargetBusinessDays: 10,
  dueSoonBusinessDays: 1,
  exemptions: null,
  notificationRules: null,
  batesPrefix: null,
};

/** FOIA settings (one JSON value per key) and the town's closure days. */
export class FoiaSettingsRepository {
  private readonly selectAll: Database.Statement<[], { key: string; value_json: string }>;
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly selectClosures: Database.Statement<
    [],
    { date: string; reason: string; added_by: string; added_at: string }
  >;
  private readonly insertClosure: Database.Statement;
  private readonly deleteClosure: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT key, value_json FROM foia_settings');
    this.upsert = db.prepare(
      'INSERT INTO foia_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    );
    this.selectClosures = db.prepare('SELECT * FROM closure_days ORDER BY date');
    this.insertClosure = db.prepare(
      'INSERT INTO closure_days (date, reason, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.deleteClosure = db.prepare('DELETE FROM closure_days WHERE date = ?');
  }

  get(): FoiaSettings {
    const stored = Object.fromEntries(this.selectAll.all().map((row) => [row.key, JSON.parse(row.value_json)]));
    return { ...DEFAULT_FOIA_SETTINGS, ...stored };
  }

  update(patch: Partial<FoiaSettings>): FoiaSettings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined && key in DEFAULT_FOIA_SETTINGS) this.upsert.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }

  listClosureDays(): ClosureDay[] {
    return this.selectClosures
      .all()
      .map((row) => ({ date: row.date, reason: row.reason, addedBy: row.added_by, addedAt: row.added_at }));
  }

  addClosureDay(day: ClosureDay): boolean {
    return this.insertClosure.run(day.date, day.reason, day.addedBy, day.addedAt).changes === 1;
  }

  removeClosureDay(date: string): boolean {
    return this.deleteClosure.run(date).changes === 1;
  }
}
