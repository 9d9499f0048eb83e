import type { ArchiveRecord, RecordStatus } from '@verbatim/core';
import { html, type SafeHtml } from '../html';

/** How a record is named in headings, links and labels. */
export function recordTitle(record: ArchiveRecord): string {
  return `${record.kind} by ${record.author.name}`;
}

/** A badge for a status worth noticing; live records get none. */
export function statusBadge(status: RecordStatus): SafeHtml | string {
  return status === 'live' ? '' : html`<span class="badge badge-${status}">${status}</span>`;
}
