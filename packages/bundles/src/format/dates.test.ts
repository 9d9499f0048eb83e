import { formatDateTime, formatLongDate, isKnownTimeZone } from './dates';

describe('bundle dates', () => {
  test('shows the moment in the bundle time zone, naming standard and daylight time', () => {
    expect(formatDateTime('2026-01-05T14:03:07Z', 'America/New_York')).toBe('2026-01-05 09:03:07 EST');
    expect(formatDateTime('2026-07-04T16:00:00Z', 'America/New_York')).toBe('2026-07-04 12:00:00 EDT');
    expect(formatDateTime('2026-01-05T09:03:07-05:00', 'UTC')).toBe('2026-01-05 14:03:07 UTC');
  });

  test('is exact on both sides of a daylight-saving change', () => {
    expect(formatDateTime('2026-03-08T06:59:59Z', 'America/New_York')).toBe('2026-03-08 01:59:59 EST');
    expect(formatDateTime('2026-03-08T07:00:00Z', 'America/New_York')).toBe('2026-03-08 03:00:00 EDT');
    expect(formatDateTime('2026-11-01T05:59:59Z', 'America/New_York')).toBe('2026-11-01 01:59:59 EDT');
    expect(formatDateTime('2026-11-01T06:00:00Z', 'America/New_York')).toBe('2026-11-01 01:00:00 EST');
    // A half-hour zone whose change falls at :30 UTC.
    expect(formatDateTime('2026-04-04T16:29:59Z', 'Australia/Adelaide')).toBe('2026-04-05 02:59:59 GMT+10:30');
    expect(formatDateTime('2026-04-04T16:30:00Z', 'Australia/Adelaide')).toBe('2026-04-05 02:00:00 GMT+9:30');
  });

  test('the letter date is the calendar day in the time zone', () => {
    expect(formatLongDate('2026-02-06T03:00:00Z', 'America/New_York')).toBe('February 5, 2026');
    expect(formatLongDate('2026-02-06T03:00:00Z', 'UTC')).toBe('February 6, 2026');
  });

  test('knows real zones only, and refuses non-dates', () => {
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('America/Hartford_CT')).toBe(false);
    expect(() => formatDateTime('not a date', 'UTC')).toThrow(RangeError);
  });
});
