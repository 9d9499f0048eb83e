import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar';
import type { RecordsCategory } from './foia-request.schema';
import { parseInstant } from './instant';

/** C.G.S. § 1-206(a): four business days for a written denial, ten where § 1-214(b)–(c) applies. */
export const RESPONSE_BUSINESS_DAYS: Readonly<Record<RecordsCategory, number>> = {
  general: 4,
  'personnel-medical': 10,
};

/** C.G.S. § 1-206(b)(1): notice of appeal to the FOI Commission within thirty days after the denial. */
export const APPEAL_WINDOW_CALENDAR_DAYS = 30;

export interface ComputeDeadlinesInput {
  /** When the town received the request (ISO date-time with offset); the clock runs from receipt. */
  receivedAt: string;
  recordsCategory: RecordsCategory;
  /** When the written denial was sent, if there was one. */
  deniedAt?: string | null;
  /** The production date promised in an extension: a local date (due at its end) or an exact instant. */
  extendedUntil?: string | null;
  calendar: BusinessCalendar;
  /** The town's internal production target, in business days after receipt. */
  productionTargetBusinessDays: number;
}

/** All three dates are ISO instants in UTC; each falls at the end of a local day in the town's time zone. */
export interface FoiaDeadlines {
  responseDueAt: string;
  productionTargetAt: string;
  appealDeadlineAt: string | null;
}

/**
 * The date business days are counted from ("day 0"). Time of day is ignored: a request received at 11 p.m. on a
 * Tuesday was still received on Tuesday, and day 1 is the next business day either way, so an after-hours rule could
 * only push the deadline later. Receipt on a closed day follows the calendar's `closedDayReceipt` policy.
 */
export function countingStartDate(receivedAt: string, calendar: BusinessCalendar): string {
  const receiptDate = calendar.localDateOf(receivedAt);
  if (calendar.closedDayReceipt === 'deemed-received-next-business-day' && !calendar.isBusinessDay(receiptDate)) {
    return calendar.addBusinessDays(receiptDate, 1);
  }
  return receiptDate;
}

function endOfBusinessDaysAfter(startDate: string, count: number, calendar: BusinessCalendar): string {
  return calendar.endOfLocalDay(calendar.addBusinessDays(startDate, count));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function resolveExtension(extendedUntil: string, calendar: BusinessCalendar): string {
  if (DATE_ONLY.test(extendedUntil)) return calendar.endOfLocalDay(extendedUntil);
  return parseInstant(extendedUntil).toUTC().toISO()!;
}

function appealDeadline(deniedAt: string, calendar: BusinessCalendar): string {
  const denialDate = DateTime.fromISO(calendar.localDateOf(deniedAt), { zone: 'utc' });
  return calendar.endOfLocalDay(denialDate.plus({ days: APPEAL_WINDOW_CALENDAR_DAYS }).toISODate()!);
}

/**
 * The three dates a request is tracked against. Pure: the same inputs and calendar give the same dates, so adding a
 * closure day means calling this again for every open request.
 *
 * - responseDueAt: end of the 4th (or 10th) business day after receipt; not moved by an extension, which is the
 *   town's promise about production, not a change to the statute.
 * - productionTargetAt: the extension date if there is one, else end of the Nth business day after receipt.
 * - appealDeadlineAt: end of the 30th calendar day after the local date of denial, not rolled past weekends or
 *   holidays (the earlier reading), or null when there is no denial.
 */
export function computeDeadlines(input: ComputeDeadlinesInput): FoiaDeadlines {
  const { calendar } = input;
  if (!Number.isInteger(input.productionTargetBusinessDays) || input.productionTargetBusinessDays < 1) {
    throw new RangeError(
      `productionTargetBusinessDays must be a positive integer, got ${input.productionTargetBusinessDays}`,
    );
  }
  const start = countingStartDate(input.receivedAt, calendar);
  return {
    responseDueAt: endOfBusinessDaysAfter(start, RESPONSE_BUSINESS_DAYS[input.recordsCategory], calendar),
    productionTargetAt: input.extendedUntil
      ? resolveExtension(input.extendedUntil, calendar)
      : endOfBusinessDaysAfter(start, input.productionTargetBusinessDays, calendar),
    appealDeadlineAt: input.deniedAt ? appealDeadline(input.deniedAt, calendar) : null,
  };
}

export interface DeadlineFlagOptions {
  calendar: BusinessCalendar;
  /** A deadline this many business days away or fewer (today counts as 0) is due soon. */
  dueSoonBusinessDays: number;
}

export interface DeadlineFlags {
  dueSoon: boolean;
  overdue: boolean;
  /** Business days after today up to the due date: 0 on the due date, negative once past it. */
  businessDaysLeft: number;
}

/** Derived on every read and never stored, so a new closure day or a clock tick can never leave a stale flag. */
export function deadlineFlags(deadline: string, now: string | Date, options: DeadlineFlagOptions): DeadlineFlags {
  const { calendar } = options;
  const overdue = parseInstant(now).toMillis() > parseInstant(deadline).toMillis();
  const businessDaysLeft = calendar.businessDaysBetween(calendar.localDateOf(now), calendar.localDateOf(deadline));
  return { overdue, dueSoon: !overdue && businessDaysLeft <= options.dueSoonBusinessDays, businessDaysLeft };
}
