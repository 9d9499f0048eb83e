import type { RequestLogQuery } from '@verbatim/app';
import { FoiaRequestStatusSchema, OPEN_STATUSES, type FoiaRequestStatus } from '@verbatim/foia';

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

/** The filters as the use case takes them: the page and its CSV download list the same requests. */
export function requestLogQueryOf(filter: RequestLogFilter): RequestLogQuery {
  return { status: statusesOf(filter), late: filter.deadline === 'late', words: filter.text };
}

/** The filters as a query string (`?show=…`), in the page's own names, so a link carries them. */
export function requestLogSearch(filter: RequestLogFilter): string {
  const search = new URLSearchParams({ show: filter.show });
  if (filter.deadline) search.set('deadline', filter.deadline);
  if (filter.text) search.set('text', filter.text);
  return `?${search.toString()}`;
}
