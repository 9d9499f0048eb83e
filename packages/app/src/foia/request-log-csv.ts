import { csvDocument } from '@verbatim/core';
import type { FoiaRequestView } from '@verbatim/foia';

export const REQUEST_LOG_CSV_HEADER = [
  'Number',
  'Received',
  'Response due',
  'Production target',
  'Status',
  'Requester',
  'Organization',
  'Email',
  'Description',
  'Attorney notification',
] as const;

/**
 * How the attorney's office was told of the request: its `request.logged` deliveries (one per channel) taken
 * together, the worst first: `failed` if any failed for good, `pending` while any is still being tried,
 * `delivered` once all are; `none configured` when no one is set up to be notified.
 */
export function attorneyNotificationStatus(request: FoiaRequestView): string {
  const logged = request.notifications.filter((notification) => notification.event === 'request.logged');
  if (logged.length === 0) return 'none configured';
  if (logged.some((notification) => notification.status === 'failed')) return 'failed';
  if (logged.some((notification) => notification.status === 'pending')) return 'pending';
  return 'delivered';
}

/** Parts of an instant on the town's wall clock. */
function wallClock(iso: string, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)!.value;
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** `2025-12-23` on the town's calendar: a deadline falls at the end of that day. */
export function townDate(iso: string, timeZone: string): string {
  const { year, month, day } = wallClock(iso, timeZone);
  return `${year}-${month}-${day}`;
}

/** `2025-12-23 10:15` on the town's clock. */
export function townDateTime(iso: string, timeZone: string): string {
  const { hour, minute } = wallClock(iso, timeZone);
  return `${townDate(iso, timeZone)} ${hour}:${minute}`;
}

/**
 * The request log as a spreadsheet: one row per request, times on the town's clock (deadlines as the day they
 * end), every cell guarded and quoted by the shared CSV writer.
 */
export function requestLogCsv(requests: readonly FoiaRequestView[], timeZone: string): string {
  return csvDocument(
    REQUEST_LOG_CSV_HEADER,
    requests.map((request) => [
      request.number,
      townDateTime(request.receivedAt, timeZone),
      townDate(request.responseDueAt, timeZone),
      townDate(request.productionTargetAt, timeZone),
      request.status,
      request.requester.name,
      request.requester.organization,
      request.requester.email,
      request.description,
      attorneyNotificationStatus(request),
    ]),
  );
}
