import { createBusinessCalendar, type BusinessCalendarConfigInput } from './business-calendar';
import { computeDeadlines, deadlineFlags, type ComputeDeadlinesInput } from './deadlines';

const calendar = createBusinessCalendar();

/** General records, 10-business-day production target, default Connecticut calendar, unless overridden. */
function deadlines(
  receivedAt: string,
  overrides: Partial<ComputeDeadlinesInput> = {},
  calendarConfig?: BusinessCalendarConfigInput,
) {
  return computeDeadlines({
    receivedAt,
    recordsCategory: 'general',
    calendar: calendarConfig ? createBusinessCalendar(calendarConfig) : calendar,
    productionTargetBusinessDays: 10,
    ...overrides,
  });
}

// Each case names the business days counted (day 1 … day N) so the expected date can be checked by hand.
describe('computeDeadlines: the § 1-206(a) response date', () => {
  it.each([
    // Thu 24, (Fri 25 Christmas), Mon 28, Tue 29, Wed 30; due end of Wed 30 Dec EST.
    ['year end 2026 across Christmas', '2026-12-23T10:00:00-05:00', '2026-12-31T04:59:59.999Z'],
    // Thu 23, (Fri 24 Christmas observed, Christmas is a Saturday), Mon 27, Tue 28, Wed 29.
    ['year end 2027 with Christmas observed on Friday', '2027-12-22T10:00:00-05:00', '2027-12-30T04:59:59.999Z'],
    // Thu 2, (Fri 3 Good Friday), Mon 6, Tue 7, Wed 8; EDT.
    ['Good Friday', '2026-04-01T09:00:00-04:00', '2026-04-09T03:59:59.999Z'],
    // Tue 10, Wed 11, (Thu 12 Lincoln Day), Fri 13, (Mon 16 Washington's Birthday), Tue 17.
    ['Lincoln Day and Washington’s Birthday', '2026-02-09T09:00:00-05:00', '2026-02-18T04:59:59.999Z'],
    // Thu 1, Fri 2, (Mon 5 Independence Day observed, 4 July is a Sunday), Tue 6, Wed 7.
    ['a Sunday holiday observed on Monday', '2027-06-30T09:00:00-04:00', '2027-07-08T03:59:59.999Z'],
    // Thu 17, (Fri 18 Juneteenth observed, 19 June is a Saturday), Mon 21, Tue 22, Wed 23.
    ['a Saturday holiday observed on Friday', '2027-06-16T09:00:00-04:00', '2027-06-24T03:59:59.999Z'],
    // Received in EST, Fri 6, Mon 9 (DST began Sun 8), Tue 10, Wed 11: due at EDT midnight.
    ['the spring DST change', '2026-03-05T14:00:00-05:00', '2026-03-12T03:59:59.999Z'],
    // Received in EDT, Fri 30, Mon 2 (DST ended Sun 1), Tue 3, Wed 4: due at EST midnight.
    ['the autumn DST change', '2026-10-29T14:00:00-04:00', '2026-11-05T04:59:59.999Z'],
    // 10:30 p.m. Thursday in Connecticut is already Friday in UTC; the local Thursday counts.
    ['a late-evening receipt', '2026-03-06T03:30:00Z', '2026-03-12T03:59:59.999Z'],
  ])('%s', (_label, receivedAt, responseDueAt) => {
    expect(deadlines(receivedAt).responseDueAt).toBe(responseDueAt);
  });

  it('gives ten business days for personnel and medical files, across a year end', () => {
    // Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 New Year), Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 Jan.
    expect(deadlines('2026-12-23T10:00:00-05:00', { recordsCategory: 'personnel-medical' }).responseDueAt).toBe(
      '2027-01-09T04:59:59.999Z',
    );
    // Thu 23, Mon 27, Tue 28, Wed 29, Thu 30, (Fri 31 New Year 2028 observed), Mon 3 … Fri 7 Jan 2028.
    expect(deadlines('2027-12-22T10:00:00-05:00', { recordsCategory: 'personnel-medical' }).responseDueAt).toBe(
      '2028-01-08T04:59:59.999Z',
    );
  });

  it('moves when IT adds a closure day: 24 December 2026 closed gives Mon 28, Tue 29, Wed 30, Thu 31', () => {
    expect(deadlines('2026-12-23T10:00:00-05:00', {}, { closureDates: ['2026-12-24'] }).responseDueAt).toBe(
      '2027-01-01T04:59:59.999Z',
    );
  });

  it('counts a weekend receipt from the next business day by default: Tue 26, Wed 27, Thu 28, Fri 29 May', () => {
    // Saturday 23 May 2026; Monday 25 is Memorial Day.
    expect(deadlines('2026-05-23T11:00:00-04:00').responseDueAt).toBe('2026-05-30T03:59:59.999Z');
  });

  it('with the alternative policy, a weekend receipt is deemed received Tuesday: Wed 27 … Mon 1 June', () => {
    const policy = { closedDayReceipt: 'deemed-received-next-business-day' } as const;
    expect(deadlines('2026-05-23T11:00:00-04:00', {}, policy).responseDueAt).toBe('2026-06-02T03:59:59.999Z');
    // Received on Good Friday: deemed Mon 6, then Tue 7, Wed 8, Thu 9, Fri 10 April.
    expect(deadlines('2026-04-03T10:00:00-04:00', {}, policy).responseDueAt).toBe('2026-04-11T03:59:59.999Z');
    // A business-day receipt is unaffected by the policy.
    expect(deadlines('2026-04-01T09:00:00-04:00', {}, policy).responseDueAt).toBe('2026-04-09T03:59:59.999Z');
  });

  it('counts a holiday receipt like a weekend one by default: Good Friday gives Mon 6 … Thu 9 April', () => {
    expect(deadlines('2026-04-03T10:00:00-04:00').responseDueAt).toBe('2026-04-10T03:59:59.999Z');
  });
});

describe('computeDeadlines: production target and appeal window', () => {
  it('sets the production target N business days after receipt', () => {
    // Fri 6, Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Mon 16, Tue 17, Wed 18, Thu 19 March.
    expect(deadlines('2026-03-05T14:00:00-05:00').productionTargetAt).toBe('2026-03-20T03:59:59.999Z');
    expect(deadlines('2026-12-23T10:00:00-05:00').productionTargetAt).toBe('2027-01-09T04:59:59.999Z');
  });

  it('replaces the production target, not the response date, with an extension', () => {
    const byDate = deadlines('2026-12-23T10:00:00-05:00', { extendedUntil: '2027-01-15' });
    expect(byDate).toEqual({
      responseDueAt: '2026-12-31T04:59:59.999Z',
      productionTargetAt: '2027-01-16T04:59:59.999Z',
      appealDeadlineAt: null,
    });
    expect(
      deadlines('2026-12-23T10:00:00-05:00', { extendedUntil: '2027-01-15T12:00:00-05:00' }).productionTargetAt,
    ).toBe('2027-01-15T17:00:00.000Z');
  });

  it('gives thirty calendar days after the local date of denial', () => {
    // 29 Dec 2026 + 30 days = Thu 28 Jan 2027.
    expect(deadlines('2026-12-23T10:00:00-05:00', { deniedAt: '2026-12-29T16:00:00-05:00' }).appealDeadlineAt).toBe(
      '2027-01-29T04:59:59.999Z',
    );
    // 10 p.m. on 29 Dec in Connecticut is 30 Dec in UTC; the local date counts.
    expect(deadlines('2026-12-23T10:00:00-05:00', { deniedAt: '2026-12-30T03:00:00Z' }).appealDeadlineAt).toBe(
      '2027-01-29T04:59:59.999Z',
    );
    // 20 Feb 2026 + 30 days = Sun 22 Mar, in EDT; not rolled to Monday.
    expect(deadlines('2026-02-18T10:00:00-05:00', { deniedAt: '2026-02-20T10:00:00-05:00' }).appealDeadlineAt).toBe(
      '2026-03-23T03:59:59.999Z',
    );
  });

  it('refuses a bad receipt time and a production target below one business day', () => {
    expect(() => deadlines('yesterday')).toThrow(RangeError);
    // Without an offset the result would depend on the server's zone, so it is refused.
    expect(() => deadlines('2026-12-23T10:00:00')).toThrow(/with an offset/);
    expect(() => deadlines('2026-12-23T10:00:00-05:00', { productionTargetBusinessDays: 0 })).toThrow(RangeError);
  });
});

describe('deadlineFlags', () => {
  // Due at the end of Wednesday 30 December 2026.
  const due = '2026-12-31T04:59:59.999Z';
  const flags = (now: string) => deadlineFlags(due, now, { calendar, dueSoonBusinessDays: 2 });

  it.each([
    [
      'on receipt, Wed 23 Dec (Thu 24, Mon 28, Tue 29, Wed 30 left)',
      '2026-12-23T15:00:00Z',
      { dueSoon: false, overdue: false, businessDaysLeft: 4 },
    ],
    [
      'on the Saturday between (Mon 28, Tue 29, Wed 30 left)',
      '2026-12-26T15:00:00Z',
      { dueSoon: false, overdue: false, businessDaysLeft: 3 },
    ],
    [
      'on Monday 28 (Tue 29, Wed 30 left)',
      '2026-12-28T15:00:00Z',
      { dueSoon: true, overdue: false, businessDaysLeft: 2 },
    ],
    [
      'late on Tuesday 29, already Wednesday in UTC',
      '2026-12-30T04:30:00Z',
      { dueSoon: true, overdue: false, businessDaysLeft: 1 },
    ],
    ['on the due day', '2026-12-30T20:00:00Z', { dueSoon: true, overdue: false, businessDaysLeft: 0 }],
    ['at the last millisecond', due, { dueSoon: true, overdue: false, businessDaysLeft: 0 }],
    ['just after midnight', '2026-12-31T05:00:00Z', { dueSoon: false, overdue: true, businessDaysLeft: -1 }],
    [
      'on Monday 4 January (Thu 31 and Mon 4 past; 1 Jan a holiday)',
      '2027-01-04T15:00:00Z',
      { dueSoon: false, overdue: true, businessDaysLeft: -2 },
    ],
  ])('%s', (_label, now, expected) => {
    expect(flags(now)).toEqual(expected);
  });

  it('accepts a Date for now', () => {
    expect(deadlineFlags(due, new Date('2026-12-28T15:00:00Z'), { calendar, dueSoonBusinessDays: 1 })).toEqual({
      dueSoon: false,
      overdue: false,
      businessDaysLeft: 2,
    });
  });
});
