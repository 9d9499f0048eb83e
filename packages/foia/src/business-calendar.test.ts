import { createBusinessCalendar } from './business-calendar';

const calendar = createBusinessCalendar();

describe('createBusinessCalendar', () => {
  it('defaults to America/New_York, the Connecticut holidays and the earlier receipt reading', () => {
    expect(calendar.timeZone).toBe('America/New_York');
    expect(calendar.closedDayReceipt).toBe('next-business-day-is-day-one');
    expect(calendar.holidaysInYear(2026)).toHaveLength(13);
  });

  it('refuses an unknown time zone and a malformed closure date', () => {
    expect(() => createBusinessCalendar({ timeZone: 'America/Hartford' })).toThrow(/IANA time zone/);
    expect(() => createBusinessCalendar({ closureDates: ['2026-12-32'] })).toThrow();
  });

  it('says why a day is closed', () => {
    const withClosure = createBusinessCalendar({ closureDates: ['2026-12-24'] });
    expect(withClosure.nonBusinessReason('2026-12-23')).toBeNull();
    expect(withClosure.nonBusinessReason('2026-12-24')).toBe('closure');
    expect(withClosure.nonBusinessReason('2026-12-25')).toBe('holiday');
    expect(withClosure.nonBusinessReason('2026-12-26')).toBe('weekend');
    expect(calendar.isBusinessDay('2026-12-24')).toBe(true);
  });

  it('follows an edited holiday list: with no rules, Christmas is a working Friday', () => {
    expect(createBusinessCalendar({ holidayRules: [] }).isBusinessDay('2026-12-25')).toBe(true);
  });
});

describe('business-day arithmetic', () => {
  it('counts business days strictly after a date, skipping weekends and holidays', () => {
    expect(calendar.addBusinessDays('2026-12-23', 1)).toBe('2026-12-24');
    expect(calendar.addBusinessDays('2026-12-23', 2)).toBe('2026-12-28');
    expect(calendar.addBusinessDays('2026-12-23', 6)).toBe('2027-01-04');
  });

  it('refuses a count below one', () => {
    expect(() => calendar.addBusinessDays('2026-12-23', 0)).toThrow(RangeError);
  });

  it('counts business days between two dates, negative when reversed', () => {
    expect(calendar.businessDaysBetween('2026-12-23', '2026-12-30')).toBe(4);
    expect(calendar.businessDaysBetween('2026-12-30', '2026-12-23')).toBe(-4);
    expect(calendar.businessDaysBetween('2026-12-23', '2026-12-23')).toBe(0);
    expect(calendar.businessDaysBetween('2026-12-24', '2026-12-27')).toBe(0);
  });

  it('fails instead of looping forever when a misconfigured calendar has no business day', () => {
    const start = Date.UTC(2026, 0, 1);
    const everyDay = Array.from({ length: 400 }, (_, index) =>
      new Date(start + index * 86_400_000).toISOString().slice(0, 10),
    );
    expect(() => createBusinessCalendar({ closureDates: everyDay }).addBusinessDays('2026-01-01', 1)).toThrow(
      /no business day/,
    );
  });

  it('rejects something that is not a calendar date', () => {
    expect(() => calendar.isBusinessDay('2026-12-23T10:00:00Z')).toThrow(RangeError);
    expect(() => calendar.isBusinessDay('next tuesday')).toThrow(RangeError);
  });
});

describe('local dates and the end of a local day', () => {
  it('reads an instant on the town wall calendar, not in UTC', () => {
    expect(calendar.localDateOf('2026-03-06T03:30:00Z')).toBe('2026-03-05');
    expect(calendar.localDateOf('2026-03-05T19:30:00-08:00')).toBe('2026-03-05');
    expect(calendar.localDateOf(new Date('2026-03-06T05:00:00Z'))).toBe('2026-03-06');
  });

  it('ends each day at local midnight across both DST changes', () => {
    expect(calendar.endOfLocalDay('2026-03-07')).toBe('2026-03-08T04:59:59.999Z');
    expect(calendar.endOfLocalDay('2026-03-08')).toBe('2026-03-09T03:59:59.999Z');
    expect(calendar.endOfLocalDay('2026-11-01')).toBe('2026-11-02T04:59:59.999Z');
  });

  it('uses the configured zone', () => {
    expect(createBusinessCalendar({ timeZone: 'America/Los_Angeles' }).endOfLocalDay('2026-12-30')).toBe(
      '2026-12-31T07:59:59.999Z',
    );
  });
});
