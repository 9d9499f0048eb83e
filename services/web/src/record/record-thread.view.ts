import type { ArchiveRecord } from '@verbatim/core';
import { html, type SafeHtml } from '../html';
import { recordTitle, statusBadge } from './record-label';

const EXCERPT = 160;

function excerpt(record: ArchiveRecord): string {
  return record.text.length > EXCERPT ? `${record.text.slice(0, EXCERPT)}…` : record.text;
}

function entry(record: ArchiveRecord): SafeHtml {
  return html`<a href="/records/${record.id}">${recordTitle(record)}</a> ${statusBadge(record.status)}<br><span class="excerpt">${excerpt(record)}</span>`;
}

/**
 * The conversation around a record: what it answers (from the thread's first post down), the record itself,
 * and its direct replies nested under it. Each links to its own page and shows its status.
 */
export function threadSection(
  record: ArchiveRecord,
  ancestors: ArchiveRecord[],
  replies: ArchiveRecord[],
): SafeHtml | string {
  if (ancestors.length === 0 && replies.length === 0) return '';
  const self = html`<li class="self" aria-current="page"><strong>This record:</strong> ${recordTitle(record)} ${statusBadge(record.status)}
    ${replies.length > 0 ? html`<p class="meta">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}:</p><ol class="replies">${replies.map((reply) => html`<li>${entry(reply)}</li>`)}</ol>` : html`<p class="meta">No replies captured.</p>`}
  </li>`;
  return html`<section aria-labelledby="thread-heading"><h2 id="thread-heading">Conversation</h2>
${ancestors.length > 0 ? html`<p class="meta">In reply to, from the first post down:</p>` : ''}
<ol class="thread">${ancestors.map((ancestor) => html`<li>${entry(ancestor)}</li>`)}${self}</ol>
</section>`;
}
