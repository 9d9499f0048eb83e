import type { BundleAttachment } from '../bundle-input';
import { formatDateTime } from '../format/dates';
import type { PreparedRecord } from '../prepare-bundle';
import type { Block, StructNode } from './blocks';
import { IMAGE_BOX, PAGE, STYLES } from './page-geometry';
import { authorLabel, kindName, platformName, statusLabel } from './record-labels';
import type { SectionContext } from './section-context';

/** A record's layout needs no page numbers. */
export type RecordContext = Pick<SectionContext, 'bundle' | 'shaper' | 'images'>;
import { SectionWriter } from './section-writer';

/** Pixels to points at 96 dpi, the size a browser would show the image at. */
const POINTS_PER_PIXEL = 0.75;

function fieldRows(record: PreparedRecord, context: RecordContext): Array<[string, string]> {
  const tz = context.bundle.timeZone;
  const rows: Array<[string, string | undefined]> = [
    ['Record ID', record.id],
    ['Platform', platformName(record.platform)],
    ['Agency', record.agencyName],
    ['Account', record.accountHandle],
    ['Author', authorLabel(record.author)],
    ['Kind', kindName(record.kind)],
    ['Posted', formatDateTime(record.postedAt, tz)],
    ['Edited', record.editedAt && formatDateTime(record.editedAt, tz)],
    ['First captured', formatDateTime(record.firstCapturedAt, tz)],
    ['Last seen', formatDateTime(record.lastSeenAt, tz)],
    ['URL', record.url],
    ['Status', statusLabel(record, tz)],
    ['Archived original (SHA-256)', record.rawCaptureSha256],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

function writeThread(writer: SectionWriter, record: PreparedRecord, section: StructNode, context: RecordContext): void {
  if (record.threadContext.length === 0) return;
  const quote: readonly StructNode[] = [section, { id: `${section.id}-thread`, type: 'BlockQuote' }];
  writer.heading('H3', 'Thread context (the posts and comments this one answers)');
  record.threadContext.forEach((entry, index) => {
    const by = `${index === 0 ? 'Original post' : 'Reply'} by ${authorLabel(entry.author)}, ${formatDateTime(entry.postedAt, context.bundle.timeZone)}`;
    writer.paragraph(by, { style: STYLES.label, indent: 12 * index, path: quote });
    writer.paragraph(entry.text || '(no text)', { spaceBefore: 2, indent: 12 * index, path: quote });
  });
}

function writeVersions(writer: SectionWriter, record: PreparedRecord, context: RecordContext): void {
  const count = record.versions.length;
  writer.heading('H3', count === 1 ? 'Content' : `Content: ${count} archived versions, oldest first`);
  record.versions.forEach((version, index) => {
    if (count > 1) {
      const edited = version.editedAt ? `, edited ${formatDateTime(version.editedAt, context.bundle.timeZone)}` : '';
      const by = version.editor ? ` by ${authorLabel(version.editor)}` : '';
      writer.paragraph(
        `Version ${index + 1} of ${count}, captured ${formatDateTime(version.capturedAt, context.bundle.timeZone)}${edited}${by}`,
        { style: STYLES.label, spaceBefore: 8 },
      );
    }
    writer.paragraph(version.text || '(no text)', { spaceBefore: count > 1 ? 2 : 6 });
  });
}

function imageSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(
    1,
    IMAGE_BOX.width / (width * POINTS_PER_PIXEL),
    IMAGE_BOX.height / (height * POINTS_PER_PIXEL),
  );
  return { width: width * POINTS_PER_PIXEL * scale, height: height * POINTS_PER_PIXEL * scale };
}

function writeAttachment(
  writer: SectionWriter,
  attachment: BundleAttachment,
  label: string,
  itemNumber: number,
  context: RecordContext,
): void {
  if (attachment.withheld) {
    writer.paragraph(`${label}: withheld under ${attachment.withheld.exemption.citation}.`);
    return;
  }
  const details = [
    attachment.kind,
    attachment.mediaType,
    attachment.sourceUrl,
    attachment.sha256 && `SHA-256 ${attachment.sha256}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const info = attachment.kind === 'image' && attachment.sha256 ? context.images.get(attachment.sha256) : undefined;
  if (info?.drawable) {
    const size = imageSize(info.width, info.height);
    const alt =
      attachment.altText ?? `${label} of item ${itemNumber}: an image of ${info.width} by ${info.height} pixels.`;
    writer.push({
      kind: 'image',
      path: writer.path,
      sha256: attachment.sha256!,
      x: PAGE.left,
      ...size,
      alt,
      spaceBefore: 8,
    });
    writer.paragraph(`${label} (${info.width} × ${info.height} px): ${details}`, {
      style: STYLES.cell,
      spaceBefore: 3,
    });
    return;
  }
  const why = info && !info.drawable ? ` (not reproduced: ${info.reason})` : '';
  writer.paragraph(`${label}: ${details}${why}`, { style: STYLES.cell });
}

/**
 * One produced record: its fields, thread context, every version, attachments. Starts on a new page. Depends on
 * nothing but the record (not on any page number), so the planning pass can count its pages first.
 */
export function recordBlocks(record: PreparedRecord, itemNumber: number, context: RecordContext): Block[] {
  const section: StructNode = { id: `item-${itemNumber}`, type: 'Sect', title: `Item ${itemNumber}` };
  const writer = new SectionWriter(context.shaper, [section]);
  writer.heading(
    'H2',
    `Item ${itemNumber}: ${platformName(record.platform)} ${kindName(record.kind)} by ${authorLabel(record.author)}`,
    0,
  );
  const table: readonly StructNode[] = [section, { id: `${section.id}-fields`, type: 'Table' }];
  const widths = SectionWriter.columns(120);
  fieldRows(record, context).forEach(([label, value], index) => {
    writer.row(
      [
        { tag: 'TH', scope: 'Row', text: label, width: widths[0], style: STYLES.label },
        { tag: 'TD', text: value, width: widths[1] },
      ],
      table,
      { spaceBefore: index === 0 ? 8 : 0 },
    );
  });
  writeThread(writer, record, section, context);
  writeVersions(writer, record, context);
  if (record.attachments.length > 0) {
    writer.heading('H3', 'Attachments');
    record.attachments.forEach((attachment, index) =>
      writeAttachment(writer, attachment, `Attachment ${index + 1}`, itemNumber, context),
    );
  }
  return writer.blocks;
}
