import { FoiaRequestStatusSchema, OPEN_STATUSES, type FoiaRequestStatus, type FoiaRequestView } from '@verbatim/foia';

/** The request log's filters, as its URL carries them. */
export interface RequestLogFilter {
  /** `open` (the default), `all`, or one status. */
  show: string;
  /** `late` keeps due-soon and overdue requests only. */
  deadline: '' | 'late';
  /** Words in the number, requester, organization or description. */
  text: string;
}

export function requestLogFilterOf(query: Record<string, unknown>): RequestLogFilter {
  const one = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const show = one(query.show);
  return {
    show: show === 'all' || FoiaRequestStatusSchema.safeParse(show).success ? show : 'open',
    deadline: one(query.deadline) === 'late' ? 'late' : '',
    text: one(query.text).slice(0, 200),
  };
}

/** The statuses the store is asked for; undefined means every status. */
export function statusesOf(filter: RequestLogFilter): FoiaRequestStatus[] | undefined {
  if (filter.show === 'all') return undefined;
  return filter.show === 'open' ? [...OPEN_STATUSES] : [filter.show as FoiaRequestStatus];
}

/** Applies the filters the store does not: the deadline mark and the words. */
export function matchesLogFilter(request: FoiaRequestView, filter: RequestLogFilter): boolean {
  if (filter.deadline === 'late' && !(request.nextDeadline?.dueSoon || request.nextDeadline?.overdue)) return false;
  if (!filter.text) return true;
  const haystack = [
    request.number,
    request.requester.name,
    request.requester.organization ?? '',
    request.requester.email ?? '',
    request.description,
  ]
    .join(' ')
    .toLowerCase();
  return filter.text
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}
