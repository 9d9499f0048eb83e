import type { HolidayRule } from './holiday-rules';

/**
 * Connecticut legal holidays, C.G.S. § 1-4, as the default holiday list of a town's business calendar.
 *
 * Sources (checked while writing this): the text of § 1-4 as amended by Public Act 22-128, which added Juneteenth
 * Independence Day effective 1 October 2022, so first observed on 19 June 2023; and the Department of Labor's
 * "Observance of Holidays – 2014" memo, which lists Good Friday and Thanksgiving among the state's holidays.
 *
 * - § 1-4 names New Year's Day, Martin Luther King Jr. Day ("the first Monday occurring on or after January
 *   fifteenth", which is always the third Monday), Lincoln Day (12 February), Washington's Birthday (third Monday of
 *   February), Memorial Day (last Monday of May), Juneteenth (19 June), Independence Day, Labor Day (first Monday of
 *   September), Columbus Day (second Monday of October), Veterans' Day (11 November) and Christmas.
 * - Thanksgiving and Good Friday are not named: they are holidays because § 1-4 adds "any day appointed or
 *   recommended by the Governor ... or the President ... as a day of thanksgiving, fasting or religious observance",
 *   and the President proclaims the fourth Thursday of November while the Governor proclaims Good Friday. If a
 *   Governor ever stops proclaiming Good Friday, IT removes the rule; a one-off proclaimed day is a closure date.
 * - Observance is written into § 1-4 itself: a holiday not set on a Monday that falls on a Sunday moves to the Monday
 *   after, and one that falls on a Saturday moves to the Friday before. Weekday-based rules never fall on a weekend.
 * - Not a legal holiday, though many towns close: the Friday after Thanksgiving, Christmas Eve, Election Day. Those
 *   are town closure dates, entered by IT.
 */
export const CONNECTICUT_HOLIDAY_RULES: readonly HolidayRule[] = [
  { kind: 'fixed', name: "New Year's Day", month: 1, day: 1, observance: 'weekend-to-nearest-weekday' },
  { kind: 'nth-weekday', name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, nth: 3 },
  { kind: 'fixed', name: 'Lincoln Day', month: 2, day: 12, observance: 'weekend-to-nearest-weekday' },
  { kind: 'nth-weekday', name: "Washington's Birthday", month: 2, weekday: 1, nth: 3 },
  { kind: 'easter-offset', name: 'Good Friday', offsetDays: -2 },
  { kind: 'last-weekday', name: 'Memorial Day', month: 5, weekday: 1 },
  {
    kind: 'fixed',
    name: 'Juneteenth Independence Day',
    month: 6,
    day: 19,
    observance: 'weekend-to-nearest-weekday',
    fromYear: 2023,
  },
  { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, observance: 'weekend-to-nearest-weekday' },
  { kind: 'nth-weekday', name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { kind: 'nth-weekday', name: 'Columbus Day', month: 10, weekday: 1, nth: 2 },
  { kind: 'fixed', name: "Veterans' Day", month: 11, day: 11, observance: 'weekend-to-nearest-weekday' },
  { kind: 'nth-weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25, observance: 'weekend-to-nearest-weekday' },
];
