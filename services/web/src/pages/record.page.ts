import type { ArchiveRecord, RecordVersion, Tombstone } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

function versions(list: RecordVersion[], timeZone: string): SafeHtml {
  return html`<section aria-labelledby="versions-heading"><h2 id="versions-heading">Versions (${list.length})</h2>
<ol class="versions">${list.map((version) => html`<li>
  <h3>Version ${version.version}</h3>
  <p class="meta">Captured ${localTime(version.capturedAt, timeZone)}${version.editedAt ? html` · edited ${localTime(version.editedAt, timeZone)}` : ''}</p>
  <p class="text">${version.text}</p>
  <p class="hash">Archived original: <a href="/api/v1/captures/${version.rawCaptureSha256}">download as received</a>, SHA-256 <code>${version.rawCaptureSha256}</code></p>
</li>`)}</ol></section>`;
}

/** One record: status with the deletion's detection time, its thread, every version and its archived original. */
export function recordBody(options: { record: ArchiveRecord; versions: RecordVersion[]; tombstone: Tombstone | null; ancestors: ArchiveRecord[]; timeZone: string }): SafeHtml {
  const { record, timeZone } = options;
  return html`<p><a href="/search">Back to search</a></p>
<h1>${record.kind} by ${record.author.name}</h1>
<dl class="facts">
  <dt>Status</dt><dd><span class="badge badge-${record.status}">${record.status}</span></dd>
  ${options.tombstone ? html`<dt>Deletion detected</dt><dd>${localTime(options.tombstone.detectedAt, timeZone)}</dd>` : ''}
  ${record.hiddenAt ? html`<dt>Hidden since</dt><dd>${localTime(record.hiddenAt, timeZone)}</dd>` : ''}
  <dt>Posted</dt><dd>${localTime(record.postedAt, timeZone)}</dd>
  <dt>First captured</dt><dd>${localTime(record.firstCapturedAt, timeZone)}</dd>
  <dt>Last seen</dt><dd>${localTime(record.lastSeenAt, timeZone)}</dd>
  <dt>Platform</dt><dd>${record.platform}</dd>
  ${record.url ? html`<dt>Address</dt><dd><a href="${record.url}">${record.url}</a></dd>` : ''}
</dl>
${options.ancestors.length > 0 ? html`<section aria-labelledby="thread-heading"><h2 id="thread-heading">In reply to</h2>
<ol class="thread">${options.ancestors.map((ancestor) => html`<li><a href="/records/${ancestor.id}">${ancestor.kind} by ${ancestor.author.name}</a>: ${ancestor.text.slice(0, 200)}</li>`)}</ol></section>` : ''}
<section aria-labelledby="current-heading"><h2 id="current-heading">Text as last captured</h2><p class="text">${record.text}</p></section>
${versions(options.versions, timeZone)}`;
}
