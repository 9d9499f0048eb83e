import type { FoiaRequestStatus, FoiaRequestView } from '@verbatim/foia';

/** Which requests of the log to show or export; every field left out means "no filter". */
export interface RequestLogQuery {
  status?: readonly FoiaRequestStatus[];
  /** Only requests whose next deadline is due soon or overdue. */
  late?: boolean;
  /** Words that must all appear in the number, requester, organization, email or description (any case). */
  words?: string;
}

/** Applies the filters the store does not: the deadline mark and the words. */
export function matchesRequestLogQuery(request: FoiaRequestView, query: RequestLogQuery): boolean {
  if (query.late && !(request.nextDeadline?.dueSoon || request.nextDeadline?.overdue)) return false;
  const words = query.words?.trim();
  if (!words) return true;
  const haystack = [
    request.number,
    request.requester.name,
    request.requester.organization ?? '',
    request.requester.email ?? '',
    request.description,
  ]
    .join(' ')
    .toLowerCase();
  return words
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}
