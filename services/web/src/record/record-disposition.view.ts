import type { RecordDisposition } from '@verbatim/app';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

function hashList(label: string, hashes: string[]): SafeHtml | string {
  if (hashes.length === 0) return '';
  return html`<dt>${label}</dt><dd><ul class="hashes">${hashes.map((hash) => html`<li><code>${hash}</code></li>`)}</ul></dd>`;
}

/**
 * A disposed record's tombstone: when, under which rule and approval, and the hashes that still identify what
 * was disposed. Its content is gone from the archive, search and storage.
 */
export function dispositionSection(disposition: RecordDisposition, timeZone: string): SafeHtml {
  return html`<section aria-labelledby="disposition-heading" class="stack">
<h2 id="disposition-heading">Disposed of under the retention schedule</h2>
<p>This record's content was disposed of on ${localTime(disposition.disposedAt, timeZone)}: it is no longer in the archive, in search or in storage. This tombstone keeps what identifies it.</p>
<dl class="facts">
  <dt>Rule</dt><dd>${disposition.citation} <span class="meta">(rule ${disposition.ruleId})</span></dd>
  <dt>Approval</dt><dd>Disposition ${disposition.dispositionId}, approved by ${disposition.approvedBy}${disposition.approvedAt ? html` on ${localTime(disposition.approvedAt, timeZone)}` : ''}${disposition.approvalNote ? html`: ${disposition.approvalNote}` : ''}</dd>
  ${hashList('Content SHA-256, per version', disposition.contentHashes)}
  ${hashList('Raw capture SHA-256', disposition.rawCaptureSha256)}
  ${hashList('Media SHA-256', disposition.mediaSha256)}
</dl>
</section>`;
}
