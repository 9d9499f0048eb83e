import type { Pool } from 'pg';
import { RecordStatusSchema, type CaptureCount, type RecordStatus } from '@verbatim/core';

/**
 * The figures a dashboard shows, from narrow indexes rather than the records: `records_by_status` (status,
 * account_id) answers the count by status with an index-only scan once vacuumed, and `raw_captures_by_time`
 * turns the last days' captures into a range scan.
 */
export class ArchiveTotalsRepository {
  constructor(private readonly pool: Pool) {}

  async countRecordsByStatus(): Promise<Record<RecordStatus, number>> {
    const counts = Object.fromEntries(RecordStatusSchema.options.map((status) => [status, 0])) as Record<
      RecordStatus,
      number
    >;
    const { rows } = await this.pool.query<{ status: RecordStatus; count: number }>(
      'SELECT status, count(*) AS count FROM records GROUP BY status',
    );
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  /** Hours are cut in UTC whatever the session's time zone. */
  async countCapturesByHour(since: string): Promise<CaptureCount[]> {
    const { rows } = await this.pool.query<CaptureCount>(
      `SELECT
        to_char(captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS hour,
        count(*) AS captures, sum(byte_length)::bigint AS bytes
      FROM raw_captures WHERE captured_at >= $1::timestamptz GROUP BY hour ORDER BY hour`,
      [since],
    );
    return rows;
  }
}
