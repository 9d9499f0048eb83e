import type { ArchiveRecord } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, trusted, type SafeHtml } from '../html';
import { recordTitle, statusBadge } from '../record/record-label';
import type { SearchNames } from './search-choices';

export const PICK_FORM_ID = 'add-picked';

/**
 * One result: its link, status badge, where it was posted (by name), the highlighted snippet and, for people
 * who gather records for requests, a checkbox belonging to the "add picked records" form further down.
 */
export function searchHit(
  record: ArchiveRecord,
  highlight: string | undefined,
  options: { names: SearchNames; timeZone: string; pickable: boolean },
): SafeHtml {
  const agency = options.names.agencies.get(record.agencyId) ?? 'Unknown agency';
  const account = options.names.accounts.get(record.accountId) ?? 'unknown account';
  const attachments = record.attachments.length;
  const postedDay = new Intl.DateTimeFormat('en-US', { timeZone: options.timeZone, dateStyle: 'medium' }).format(
    new Date(record.postedAt),
  );
  return html`<li class="hit">
  <h3><a href="/records/${record.id}">${recordTitle(record)}</a> ${statusBadge(record.status)}</h3>
  <p class="meta">Posted ${localTime(record.postedAt, options.timeZone)} · ${agency} · ${account}${attachments > 0 ? ` · ${attachments} ${attachments === 1 ? 'attachment' : 'attachments'}` : ''}</p>
  <p class="snippet">${highlight ? trusted(highlight) : record.text.slice(0, 280)}</p>
  ${options.pickable ? html`<p class="pick"><label class="check"><input type="checkbox" name="recordId" value="${record.id}" form="${PICK_FORM_ID}"> Pick<span class="visually-hidden"> ${recordTitle(record)}, posted ${postedDay}</span></label></p>` : ''}
</li>`;
}
