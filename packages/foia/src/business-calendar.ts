import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { CONNECTICUT_HOLIDAY_RULES } from './connecticut-holidays';
import { parseInstant } from './instant';
import { HolidayRuleSchema, observedHolidaysInYear, type ObservedHoliday } from './holiday-rules';

/**
 * How a request received on a weekend, holiday or closure day is counted. The Act does not say (see the reference
 * notes: "business day" is not defined), so the default is the reading that can only give the earlier deadline:
 * day 1 is the first business day after the day of receipt, whatever kind of day that was. The alternative treats
 * the request as received on the next business day, so day 1 is the business day after that.
 */
export const ClosedDayReceiptPolicySchema = z.enum([
  'next-business-day-is-day-one',
  'deemed-received-next-business-day',
]);
export type ClosedDayReceiptPolicy = z.infer<typeof ClosedDayReceiptPolicySchema>;

/** A town's business calendar as IT configures it. Closure dates are whole local days (storms, town-only holidays). */
export const BusinessCalendarConfigSchema = z.strictObject({
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'expected an IANA time zone such as America/New_York' })
    .default('America/New_York'),
  holidayRules: z.array(HolidayRuleSchema).default(() => [...CONNECTICUT_HOLIDAY_RULES]),
  closureDates: z.array(z.iso.date()).default([]),
  closedDayReceipt: ClosedDayReceiptPolicySchema.default('next-business-day-is-day-one'),
});
export type BusinessCalendarConfig = z.infer<typeof BusinessCalendarConfigSchema>;
export type BusinessCalendarConfigInput = z.input<typeof BusinessCalendarConfigSchema>;

export type NonBusinessReason = 'weekend' | 'holiday' | 'closure';

/**
 * Business-day arithmetic in one town's time zone. Dates are ISO calendar dates (`2026-12-23`) on the town's wall
 * calendar; instants are ISO date-times with an offset. Counting happens on dates only, so DST never shifts a day.
 */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly closedDayReceipt: ClosedDayReceiptPolicy;
  /** Holidays observed in a year, closure dates not included. */
  holidaysInYear(year: number): readonly ObservedHoliday[];
  /** Why the town is closed on a date, or null on a business day. */
  nonBusinessReason(date: string): NonBusinessReason | null;
  isBusinessDay(date: string): boolean;
  /** The `count`-th business day strictly after `date` (count ≥ 1). */
  addBusinessDays(date: string, count: number): string;
  /** Business days `d` with `from < d ≤ to`; negative (the same count, reversed) when `to` is before `from`. */
  businessDaysBetween(from: string, to: string): number;
  /** The town's calendar date at an instant; the instant must carry its offset. */
  localDateOf(instant: string | Date): string;
  /** The last millisecond of a local date, as an ISO instant in UTC. */
  endOfLocalDay(date: string): string;
}

/** A loop bound: no real calendar closes for a year, but a misconfigured one must fail rather than hang. */
const MAX_CLOSED_RUN_DAYS = 366;

function parseDate(date: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid || date.length !== 10)
    throw new RangeError(`expected an ISO calendar date such as 2026-12-23, got ${date}`);
  return parsed;
}

export function createBusinessCalendar(input: BusinessCalendarConfigInput = {}): BusinessCalendar {
  const config = BusinessCalendarConfigSchema.parse(input);
  const closures = new Set(config.closureDates);
  const holidayCache = new Map<number, { list: ObservedHoliday[]; dates: Set<string> }>();

  const holidaysOf = (year: number) => {
    let entry = holidayCache.get(year);
    if (!entry) {
      const list = observedHolidaysInYear(config.holidayRules, year);
      entry = { list, dates: new Set(list.map((holiday) => holiday.date)) };
      holidayCache.set(year, entry);
    }
    return entry;
  };

  const nonBusinessReason = (date: string): NonBusinessReason | null => {
    const day = parseDate(date);
    if (day.weekday >= 6) return 'weekend';
    if (holidaysOf(day.year).dates.has(date)) return 'holiday';
    if (closures.has(date)) return 'closure';
    return null;
  };

  const nextBusinessDay = (day: DateTime): DateTime => {
    let next = day;
    for (let step = 0; step < MAX_CLOSED_RUN_DAYS; step += 1) {
      next = next.plus({ days: 1 });
      if (nonBusinessReason(next.toISODate()!) === null) return next;
    }
    throw new RangeError(
      `no business day within ${MAX_CLOSED_RUN_DAYS} days after ${day.toISODate()}: check the calendar`,
    );
  };

  const addBusinessDays = (date: string, count: number): string => {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`business day count must be a positive integer, got ${count}`);
    let day = parseDate(date);
    for (let index = 0; index < count; index += 1) day = nextBusinessDay(day);
    return day.toISODate()!;
  };

  const businessDaysBetween = (from: string, to: string): number => {
    if (to < from) return -businessDaysBetween(to, from);
    let count = 0;
    for (let day = parseDate(from).plus({ days: 1 }); day <= parseDate(to); day = day.plus({ days: 1 })) {
      if (nonBusinessReason(day.toISODate()!) === null) count += 1;
    }
    return count;
  };

  const localDateOf = (instant: string | Date): string => {
    return parseInstant(instant).setZone(config.timeZone).toISODate()!;
  };

  const endOfLocalDay = (date: string): string => {
    const day = parseDate(date);
    return DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: config.timeZone })
      .endOf('day')
      .toUTC()
      .toISO()!;
  };

  return {
    timeZone: config.timeZone,
    closedDayReceipt: config.closedDayReceipt,
    holidaysInYear: (year) => holidaysOf(year).list,
    nonBusinessReason,
    isBusinessDay: (date) => nonBusinessReason(date) === null,
    addBusinessDays,
    businessDaysBetween,
    localDateOf,
    endOfLocalDay,
  };
}
