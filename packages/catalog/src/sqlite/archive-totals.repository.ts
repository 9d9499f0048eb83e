import type Database from 'better-sqlite3';
import { RecordStatusSchema, type CaptureCount, type RecordStatus } from '@verbatim/core';

/**
 * The figures a dashboard shows. Both queries read narrow indexes (migration 7) rather than the records, so
 * they stay in milliseconds at a million records: `records_by_status` is covering for the count, and
 * `raw_captures_by_time` turns the last days' captures into a range scan.
 */
export class ArchiveTotalsRepository {
  private readonly selectStatusCounts: Database.Statement<[], { status: RecordStatus; count: number }>;
  private readonly selectCapturesByHour: Database.Statement<[string], CaptureCount>;

  constructor(db: Database.Database) {
    this.selectStatusCounts = db.prepare(
      'SELECT status, count(*) AS count FROM records INDEXED BY records_by_status GROUP BY status',
    );
    this.selectCapturesByHour =
      db.prepare(`SELECT substr(captured_at, 1, 13) AS hour, count(*) AS captures, sum(byte_length) AS bytes
      FROM raw_captures INDEXED BY raw_captures_by_time WHERE captured_at >= ? GROUP BY hour ORDER BY hour`);
  }

  countRecordsByStatus(): Record<RecordStatus, number> {
    const counts = Object.fromEntries(RecordStatusSchema.options.map((status) => [status, 0])) as Record<
      RecordStatus,
      number
    >;
    for (const row of this.selectStatusCounts.all()) counts[row.status] = row.count;
    return counts;
  }

  countCapturesByHour(since: string): CaptureCount[] {
    return this.selectCapturesByHour.all(since);
  }
}
