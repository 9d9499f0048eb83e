/**
 * Date formatting for bundles. Built from numeric Intl parts (plus our own month names) rather than a locale
 * pattern, so the text — and therefore the PDF bytes — does not change when ICU's English patterns change.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Zone offsets are looked up per quarter hour of UTC: every real-world transition falls on one. */
const BUCKET_MS = 15 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, { offsetMs: number; zone: string }>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset and short name at `ms`, from Intl once per quarter hour (formatting is the slow part). */
function offsetAt(ms: number, timeZone: string): { offsetMs: number; zone: string } {
  const bucket = Math.floor(ms / BUCKET_MS) * BUCKET_MS;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    for (const part of formatterFor(timeZone).formatToParts(new Date(bucket))) parts[part.type] = part.value;
    const local = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    offset = { offsetMs: local - bucket, zone: parts.timeZoneName };
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

interface ZonedParts {
  year: string;
  month: number;
  day: number;
  time: string;
  zone: string;
}

const two = (value: number) => String(value).padStart(2, '0');

function zonedParts(iso: string, timeZone: string): ZonedParts {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  const { offsetMs, zone } = offsetAt(ms, timeZone);
  const local = new Date(ms + offsetMs);
  return {
    year: String(local.getUTCFullYear()).padStart(4, '0'),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`,
    zone,
  };
}

/** `2026-01-05 14:03:07 EST`: the moment in the bundle's time zone, with the zone named. */
export function formatDateTime(iso: string, timeZone: string): string {
  const p = zonedParts(iso, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)} ${p.time} ${p.zone}`;
}

/** `January 5, 2026`: the calendar date in the bundle's time zone, for the letter. */
export function formatLongDate(iso: string, timeZone: string): string {
  const p = zonedParts(iso, timeZone);
  return `${MONTHS[p.month - 1]} ${p.day}, ${p.year}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
