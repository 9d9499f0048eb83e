import type { ArchiveRecord, Attachment, RecordVersion } from '@verbatim/core';
import { html, type SafeHtml } from '../html';
import { recordTitle } from './record-label';

/** Where the API serves an archived media file (readers only, audited). */
export const mediaHref = (sha256: string) => `/api/v1/media/${sha256}`;

/** Attachments of the current content first, then any only earlier versions had; each once. */
function allAttachments(
  record: ArchiveRecord,
  versions: RecordVersion[],
): Array<{ attachment: Attachment; current: boolean }> {
  const seen = new Map<string, { attachment: Attachment; current: boolean }>();
  for (const attachment of record.attachments)
    seen.set(attachment.sha256 ?? attachment.sourceUrl, { attachment, current: true });
  for (const version of [...versions].reverse()) {
    for (const attachment of version.attachments) {
      const key = attachment.sha256 ?? attachment.sourceUrl;
      if (!seen.has(key) || (!seen.get(key)!.attachment.sha256 && attachment.sha256))
        seen.set(key, { attachment, current: seen.get(key)?.current ?? false });
    }
  }
  return [...seen.values()];
}

/** Platforms give no description for mock and most media, so the alt text says whose record the image belongs to. */
export function imageAlt(record: ArchiveRecord, position: number, count: number): string {
  return `Image attached to the ${recordTitle(record)}${count > 1 ? ` (${position} of ${count})` : ''}`;
}

function attachmentItem(
  record: ArchiveRecord,
  item: { attachment: Attachment; current: boolean },
  position: number,
  count: number,
): SafeHtml {
  const { attachment, current } = item;
  const when = current ? '' : ' (in an earlier version only)';
  if (!attachment.sha256) {
    return html`<li><p>${attachment.kind}${when}: not archived yet; the next sync tries the download again. Platform address: <code>${attachment.sourceUrl}</code></p></li>`;
  }
  const facts = html`<span class="meta">${attachment.mediaType ?? 'unknown type'}, ${(attachment.byteLength ?? 0).toLocaleString('en-US')} bytes${when}. SHA-256 <code>${attachment.sha256}</code></span>`;
  if (attachment.kind !== 'image') {
    const what = attachment.kind === 'link' ? 'linked page as it was served' : attachment.kind;
    return html`<li><p><a href="${mediaHref(attachment.sha256)}" download>Download the archived ${what} (${position})</a> ${facts}</p></li>`;
  }
  return html`<li><figure class="media">
  <img src="${mediaHref(attachment.sha256)}" alt="${imageAlt(record, position, count)}"${attachment.width && attachment.height ? html` width="${attachment.width}" height="${attachment.height}"` : ''} loading="lazy">
  <figcaption>Image ${position}: ${facts}</figcaption>
</figure></li>`;
}

/** The record's images (served from the archive, not the platform) and other attachments. */
export function attachmentsSection(record: ArchiveRecord, versions: RecordVersion[]): SafeHtml | string {
  const attachments = allAttachments(record, versions);
  if (attachments.length === 0) return '';
  return html`<section aria-labelledby="attachments-heading"><h2 id="attachments-heading">Attachments (${attachments.length})</h2>
<ol class="attachments">${attachments.map((item, index) => attachmentItem(record, item, index + 1, attachments.length))}</ol>
</section>`;
}
