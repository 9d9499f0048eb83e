import { CONNECTICUT_HOLIDAY_RULES } from './connecticut-holidays';
import { easterSunday, HolidayRuleSchema, observedHolidaysInYear, type HolidayRule } from './holiday-rules';

const datesOf = (rules: readonly HolidayRule[], year: number) =>
  observedHolidaysInYear(rules, year).map((holiday) => holiday.date);

describe('Connecticut legal holidays (C.G.S. § 1-4)', () => {
  it('2026, with Independence Day (a Saturday) observed on Friday 3 July', () => {
    expect(
      observedHolidaysInYear(CONNECTICUT_HOLIDAY_RULES, 2026).map((holiday) => [holiday.date, holiday.name]),
    ).toEqual([
      ['2026-01-01', "New Year's Day"],
      ['2026-01-19', 'Martin Luther King Jr. Day'],
      ['2026-02-12', 'Lincoln Day'],
      ['2026-02-16', "Washington's Birthday"],
      ['2026-04-03', 'Good Friday'],
      ['2026-05-25', 'Memorial Day'],
      ['2026-06-19', 'Juneteenth Independence Day'],
      ['2026-07-03', 'Independence Day'],
      ['2026-09-07', 'Labor Day'],
      ['2026-10-12', 'Columbus Day'],
      ['2026-11-11', "Veterans' Day"],
      ['2026-11-26', 'Thanksgiving Day'],
      ['2026-12-25', 'Christmas Day'],
    ]);
  });

  it('2027: Saturdays move to Friday, Sundays to Monday, and New Year 2028 lands on 31 December 2027', () => {
    expect(datesOf(CONNECTICUT_HOLIDAY_RULES, 2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-12',
      '2027-02-15',
      '2027-03-26',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ]);
    const christmas = observedHolidaysInYear(CONNECTICUT_HOLIDAY_RULES, 2027).find(
      (holiday) => holiday.name === 'Christmas Day',
    );
    expect(christmas).toEqual({ date: '2027-12-24', name: 'Christmas Day', actualDate: '2027-12-25' });
  });

  it('2028 does not list New Year’s Day again: it was observed in 2027', () => {
    expect(datesOf(CONNECTICUT_HOLIDAY_RULES, 2028)[0]).toBe('2028-01-17');
  });

  it('has no Juneteenth before 2023 (P.A. 22-128), and moves Lincoln Day 2022 (a Saturday) to Friday', () => {
    const dates2022 = datesOf(CONNECTICUT_HOLIDAY_RULES, 2022);
    expect(dates2022).not.toContain('2022-06-20');
    expect(dates2022).toContain('2022-02-11');
    expect(datesOf(CONNECTICUT_HOLIDAY_RULES, 2021)).toContain('2021-12-31');
  });

  it('every default rule passes the schema IT edits it with', () => {
    for (const rule of CONNECTICUT_HOLIDAY_RULES) expect(HolidayRuleSchema.parse(rule)).toEqual(rule);
  });
});

describe('rule kinds', () => {
  it('computes Western Easter', () => {
    expect([2024, 2025, 2026, 2027, 2028].map((year) => easterSunday(year).toISODate())).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
    ]);
  });

  it('skips a fifth weekday that does not exist and a 29 February outside leap years', () => {
    const fifthTuesday: HolidayRule[] = [
      { kind: 'nth-weekday', name: 'Fifth Tuesday of February', month: 2, weekday: 2, nth: 5 },
    ];
    expect(datesOf(fifthTuesday, 2026)).toEqual([]);
    expect(datesOf(fifthTuesday, 2028)).toEqual(['2028-02-29']);
    const leapDay: HolidayRule[] = [{ kind: 'fixed', name: 'Leap Day', month: 2, day: 29, observance: 'none' }];
    expect(datesOf(leapDay, 2027)).toEqual([]);
    expect(datesOf(leapDay, 2028)).toEqual(['2028-02-29']);
  });

  it('applies each observance policy to a Saturday (4 July 2026) and a Sunday (4 July 2027)', () => {
    const rule = (observance: 'none' | 'sunday-to-monday' | 'weekend-to-nearest-weekday'): HolidayRule[] => [
      { kind: 'fixed', name: 'Fourth', month: 7, day: 4, observance },
    ];
    expect([2026, 2027].map((year) => datesOf(rule('none'), year)[0])).toEqual(['2026-07-04', '2027-07-04']);
    expect([2026, 2027].map((year) => datesOf(rule('sunday-to-monday'), year)[0])).toEqual([
      '2026-07-04',
      '2027-07-05',
    ]);
    expect([2026, 2027].map((year) => datesOf(rule('weekend-to-nearest-weekday'), year)[0])).toEqual([
      '2026-07-03',
      '2027-07-05',
    ]);
  });

  it('honours untilYear, so a repealed holiday stops', () => {
    const rules: HolidayRule[] = [{ kind: 'last-weekday', name: 'Old Holiday', month: 3, weekday: 5, untilYear: 2026 }];
    expect(datesOf(rules, 2026)).toEqual(['2026-03-27']);
    expect(datesOf(rules, 2027)).toEqual([]);
  });

  it('rejects malformed rules', () => {
    expect(
      HolidayRuleSchema.safeParse({ kind: 'fixed', name: 'X', month: 13, day: 1, observance: 'none' }).success,
    ).toBe(false);
    expect(HolidayRuleSchema.safeParse({ kind: 'nth-weekday', name: 'X', month: 1, weekday: 0, nth: 1 }).success).toBe(
      false,
    );
    expect(HolidayRuleSchema.safeParse({ kind: 'lunar', name: 'X' }).success).toBe(false);
  });
});
