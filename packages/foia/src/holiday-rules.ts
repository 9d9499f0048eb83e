import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * How a fixed-date holiday that falls on a weekend is observed. C.G.S. § 1-4 moves a Sunday holiday to the Monday
 * after and a Saturday holiday to the Friday before (`weekend-to-nearest-weekday`); other places only move Sundays.
 */
export const ObservancePolicySchema = z.enum(['none', 'sunday-to-monday', 'weekend-to-nearest-weekday']);
export type ObservancePolicy = z.infer<typeof ObservancePolicySchema>;

const MonthSchema = z.number().int().min(1).max(12);
/** ISO weekday, as luxon numbers them: 1 is Monday, 7 is Sunday. */
const WeekdaySchema = z.number().int().min(1).max(7);

/** `fromYear`/`untilYear` (inclusive) let the list follow the statute as it changes, e.g. Juneteenth from 2023. */
const ruleFields = {
  name: z.string().trim().min(1).max(100),
  fromYear: z.number().int().optional(),
  untilYear: z.number().int().optional(),
};

/** One legal holiday as data, so IT can follow an amendment of the statute without a release. */
export const HolidayRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    ...ruleFields,
    month: MonthSchema,
    day: z.number().int().min(1).max(31),
    observance: ObservancePolicySchema,
  }),
  z.strictObject({
    kind: z.literal('nth-weekday'),
    ...ruleFields,
    month: MonthSchema,
    weekday: WeekdaySchema,
    nth: z.number().int().min(1).max(5),
  }),
  z.strictObject({ kind: z.literal('last-weekday'), ...ruleFields, month: MonthSchema, weekday: WeekdaySchema }),
  /** Days relative to Western (Gregorian) Easter Sunday: Good Friday is -2. */
  z.strictObject({ kind: z.literal('easter-offset'), ...ruleFields, offsetDays: z.number().int().min(-60).max(60) }),
]);
export type HolidayRule = z.infer<typeof HolidayRuleSchema>;

/** A holiday as it falls in one year; `date` is the day offices close, `actualDate` the nominal day if it moved. */
export interface ObservedHoliday {
  date: string;
  name: string;
  actualDate: string;
}

/** Calendar dates are handled as UTC midnights: a plain date has no time zone, and UTC has no DST to trip on. */
function calendarDate(year: number, month: number, day: number): DateTime | null {
  const date = DateTime.utc(year, month, day);
  return date.isValid && date.month === month ? date : null;
}

/** Western Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): DateTime | null {
  const first = DateTime.utc(year, month, 1);
  const date = first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (nth - 1) });
  return date.month === month ? date : null;
}

function lastWeekday(year: number, month: number, weekday: number): DateTime {
  const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - weekday + 7) % 7 });
}

/** The nominal date of a rule in a year, or null when the rule does not apply or the date does not exist. */
function nominalDate(rule: HolidayRule, year: number): DateTime | null {
  if (rule.fromYear !== undefined && year < rule.fromYear) return null;
  if (rule.untilYear !== undefined && year > rule.untilYear) return null;
  switch (rule.kind) {
    case 'fixed':
      return calendarDate(year, rule.month, rule.day);
    case 'nth-weekday':
      return nthWeekday(year, rule.month, rule.weekday, rule.nth);
    case 'last-weekday':
      return lastWeekday(year, rule.month, rule.weekday);
    case 'easter-offset':
      return easterSunday(year).plus({ days: rule.offsetDays });
  }
}

function observe(date: DateTime, policy: ObservancePolicy): DateTime {
  if (policy === 'none') return date;
  if (date.weekday === 7) return date.plus({ days: 1 });
  if (date.weekday === 6 && policy === 'weekend-to-nearest-weekday') return date.minus({ days: 1 });
  return date;
}

/**
 * Every holiday observed in `year`, sorted by date. Neighbouring years are evaluated too because observance crosses
 * the year end: New Year's Day 2028 is a Saturday, so Friday 31 December 2027 is the legal holiday.
 */
export function observedHolidaysInYear(rules: readonly HolidayRule[], year: number): ObservedHoliday[] {
  const holidays: ObservedHoliday[] = [];
  for (const nominalYear of [year - 1, year, year + 1]) {
    for (const rule of rules) {
      const actual = nominalDate(rule, nominalYear);
      if (!actual) continue;
      const observed = rule.kind === 'fixed' ? observe(actual, rule.observance) : actual;
      if (observed.year !== year) continue;
      holidays.push({ date: observed.toISODate()!, name: rule.name, actualDate: actual.toISODate()! });
    }
  }
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}
