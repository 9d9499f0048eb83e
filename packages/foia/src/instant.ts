import { DateTime } from 'luxon';

const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * An ISO date-time that names its offset, or a Date. A string without an offset is refused rather than read in the
 * server's own zone: the same request must get the same deadline on a laptop in Hartford and a server in UTC.
 */
export function parseInstant(value: string | Date): DateTime {
  const parsed =
    typeof value === 'string'
      ? HAS_OFFSET.test(value) && value.includes('T')
        ? DateTime.fromISO(value, { setZone: true })
        : DateTime.invalid('no offset')
      : DateTime.fromJSDate(value);
  if (!parsed.isValid)
    throw new RangeError(`expected an ISO date-time with an offset (Z or ±hh:mm), got ${String(value)}`);
  return parsed;
}
