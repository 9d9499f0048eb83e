import type { ModerationReviewView, PolicyFlag, RecordDisposition, RecordIntegrity } from '@verbatim/app';
import type { ArchiveRecord, RawCapture, RecordVersion, Tombstone } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { attachmentsSection } from '../record/record-media.view';
import { threadSection } from '../record/record-thread.view';
import { versionsSection } from '../record/record-versions.view';
import { moderationSection } from '../record/record-moderation.view';
import { recordTitle } from '../record/record-label';
import { dispositionSection } from '../record/record-disposition.view';
import { integritySection } from '../record/record-integrity.view';

export interface RecordPageOptions {
  record: ArchiveRecord;
  versions: RecordVersion[];
  tombstone: Tombstone | null;
  ancestors: ArchiveRecord[];
  replies: ArchiveRecord[];
  /** Raw captures of the versions, by SHA-256. */
  captures: Map<string, RawCapture>;
  agencyName: string;
  accountName: string;
  timeZone: string;
  /** Suggestions for moderators; the review history of the item. */
  policyFlags: PolicyFlag[];
  moderationReviews: ModerationReviewView[];
  /** Set when the record was disposed of: its tombstone and approval. */
  disposition: RecordDisposition | null;
  /** Whether the record's captures and media still hash to what was archived. */
  integrity: RecordIntegrity;
}

function facts(options: RecordPageOptions): SafeHtml {
  const { record, tombstone, timeZone } = options;
  return html`<dl class="facts">
  <dt>Status</dt><dd><span class="badge badge-${record.status}">${record.status}</span></dd>
  ${options.disposition ? html`<dt>Disposed of</dt><dd>${localTime(options.disposition.disposedAt, timeZone)}, under ${options.disposition.citation}</dd>` : ''}
  ${tombstone ? html`<dt>Deletion detected</dt><dd>${localTime(tombstone.detectedAt, timeZone)}; last seen on the platform ${localTime(tombstone.lastSeenAt, timeZone)}</dd>` : ''}
  ${record.hiddenAt ? html`<dt>Hidden since</dt><dd>${localTime(record.hiddenAt, timeZone)} <span class="meta">(hidden from the public by a moderator; still archived)</span></dd>` : ''}
  <dt>Posted</dt><dd>${localTime(record.postedAt, timeZone)}</dd>
  ${record.editedAt ? html`<dt>Last edited</dt><dd>${localTime(record.editedAt, timeZone)}</dd>` : ''}
  <dt>First captured</dt><dd>${localTime(record.firstCapturedAt, timeZone)}</dd>
  <dt>Last seen</dt><dd>${localTime(record.lastSeenAt, timeZone)}</dd>
  <dt>Agency</dt><dd>${options.agencyName}</dd>
  <dt>Account</dt><dd>${options.accountName}</dd>
  ${record.url ? html`<dt>Address</dt><dd><a href="${record.url}">${record.url}</a></dd>` : ''}
</dl>`;
}

/**
 * One record: its status (with when a deletion was detected or since when it is hidden), its conversation,
 * its current text and images, every version compared side by side, and each version's archived original.
 */
export function recordBody(options: RecordPageOptions): SafeHtml {
  const { record, timeZone, disposition } = options;
  // A disposed record keeps its tombstone, its place in the thread and its review history; its text, media and
  // the captures only it used are gone, so only the tombstone's hashes are shown of them.
  const content = disposition
    ? dispositionSection(disposition, timeZone)
    : html`<section aria-labelledby="current-heading"><h2 id="current-heading">Text as last captured</h2><p class="text">${record.text}</p></section>
${attachmentsSection(record, options.versions)}`;
  return html`<p><a href="/search">Back to search</a></p>
<h1>${recordPageTitle(record, disposition)}</h1>
${integritySection(options.integrity)}
${facts(options)}
${content}
${threadSection(record, options.ancestors, options.replies)}
${disposition ? '' : versionsSection(options.versions, options.captures, timeZone)}
${moderationSection(options.policyFlags, options.moderationReviews, timeZone)}`;
}

/** The page's heading and title: a disposed record's author is no longer kept. */
export function recordPageTitle(record: ArchiveRecord, disposition: RecordDisposition | null): string {
  return disposition ? `${record.kind}, disposed of` : recordTitle(record);
}
