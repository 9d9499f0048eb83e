import { DateTime } from 'luxon';
import type { CaptureCount } from '@verbatim/core';

export interface DayCount {
  /** The town's calendar day, `YYYY-MM-DD`. */
  day: string;
  captures: number;
  bytes: number;
}

/** The first instant (UTC, ISO) of the town's day `days - 1` days before today: what to ask the catalog from. */
export function capturesSince(now: Date, timeZone: string, days: number): string {
  return DateTime.fromJSDate(now)
    .setZone(timeZone)
    .startOf('day')
    .minus({ days: days - 1 })
    .toUTC()
    .toISO()!;
}

/**
 * Hourly capture counts (UTC) grouped into the town's calendar days: exactly `days` entries, oldest first, ending
 * today, days without captures at 0. Hours fall on the day their start belongs to in the town's zone.
 */
export function capturesPerDay(hourly: CaptureCount[], now: Date, timeZone: string, days: number): DayCount[] {
  const today = DateTime.fromJSDate(now).setZone(timeZone).startOf('day');
  const result: DayCount[] = Array.from({ length: days }, (_, index) => ({
    day: today.minus({ days: days - 1 - index }).toISODate()!,
    captures: 0,
    bytes: 0,
  }));
  const byDay = new Map(result.map((entry) => [entry.day, entry]));
  for (const hour of hourly) {
    const day = byDay.get(DateTime.fromISO(`${hour.hour}:00:00Z`).setZone(timeZone).toISODate()!);
    if (!day) continue;
    day.captures += hour.captures;
    day.bytes += hour.bytes;
  }
  return result;
}
