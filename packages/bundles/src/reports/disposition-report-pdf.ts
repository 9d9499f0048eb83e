import PDFDocument from 'pdfkit';
import { FONT_FILES } from '../text/font-library';

/** A due record as the report prints it (times already on the town's clock). */
export interface DueRecordLine {
  recordId: string;
  account: string;
  kind: string;
  postedAt: string;
  retentionEndedAt: string;
}

export interface DispositionReportPdfInput {
  townName: string;
  /** When it was produced, as the town reads it. */
  producedAt: string;
  total: number;
  truncated: boolean;
  rules: Array<{ ruleId: string; citation: string; retention: string; records: DueRecordLine[] }>;
  waitingObjects: Array<{ key: string; message: string }>;
}

/** A disposed record's tombstone as the PDF prints it. */
export interface TombstoneLine {
  recordId: string;
  account: string;
  platformId: string;
  kind: string;
  postedAt: string;
  ruleId: string;
  citation: string;
  disposedAt: string;
  contentHashes: string[];
  rawCaptureSha256: string[];
  mediaSha256: string[];
}

export interface DispositionTombstonesPdfInput {
  townName: string;
  producedAt: string;
  disposition: {
    id: string;
    approvedBy: string;
    approvedAt: string;
    note: string;
    /** `under way` until the job completed. */
    completedAt: string;
  };
  records: TombstoneLine[];
}

function openDocument(title: string) {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    info: { Title: title, Creator: 'Verbatim' },
  });
  doc.registerFont('sans', require.resolve(FONT_FILES.sans));
  doc.registerFont('sans-bold', require.resolve(FONT_FILES['sans-bold']));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  const finish = async () => {
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  };
  return { doc, finish };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The disposition report as a PDF for the attorney's approval: records past retention and not held, under
 * each deciding rule with its Connecticut schedule citation, then the stored objects still waiting for their
 * Object Lock. Rendered on the calling thread: at most 10,000 short lines.
 */
export async function renderDispositionReportPdf(input: DispositionReportPdfInput): Promise<Buffer> {
  const { doc, finish } = openDocument(`${input.townName}: disposition report`);
  doc.font('sans-bold').fontSize(16).text(`${input.townName}: disposition report`);
  doc.font('sans').fontSize(10).text(`Produced: ${input.producedAt}`);
  doc
    .moveDown(0.5)
    .text(`${plural(input.total, 'record is', 'records are')} past retention and held by no legal hold.`);
  if (input.truncated)
    doc.text('Only the first records due are listed; dispose of them, then produce the report again.');
  for (const rule of input.rules) {
    doc
      .moveDown(0.8)
      .font('sans-bold')
      .fontSize(11)
      .text(`${rule.citation}: ${plural(rule.records.length, 'record', 'records')}`);
    doc.font('sans').fontSize(9).text(`Rule ${rule.ruleId}; keep ${rule.retention}.`);
    for (const record of rule.records)
      doc.text(
        `• ${record.recordId}: ${record.kind} on ${record.account}, posted ${record.postedAt}, retention ended ${record.retentionEndedAt}`,
        { indent: 12 },
      );
  }
  if (input.waitingObjects.length > 0) {
    doc.moveDown(0.8).font('sans-bold').fontSize(11).text('Stored objects waiting');
    doc.font('sans').fontSize(9);
    for (const object of input.waitingObjects) doc.text(`• ${object.key}: ${object.message}`, { indent: 12 });
  }
  return finish();
}

/**
 * What one disposition left: the attorney's approval, then each disposed record's tombstone with the rule and
 * its citation, the date, and the SHA-256 of its content, raw captures and media, so that a copy held elsewhere
 * can still be matched to what was disposed.
 */
export async function renderDispositionTombstonesPdf(input: DispositionTombstonesPdfInput): Promise<Buffer> {
  const { disposition } = input;
  const { doc, finish } = openDocument(`${input.townName}: disposition ${disposition.id}`);
  doc.font('sans-bold').fontSize(16).text(`${input.townName}: disposition ${disposition.id}`);
  doc.font('sans').fontSize(10).text(`Produced: ${input.producedAt}`);
  doc.moveDown(0.5).text(`Approved by ${disposition.approvedBy} on ${disposition.approvedAt}: ${disposition.note}`);
  doc.text(`Completed: ${disposition.completedAt}. ${plural(input.records.length, 'record', 'records')} disposed.`);
  for (const record of input.records) {
    doc.moveDown(0.8).font('sans-bold').fontSize(10).text(`${record.recordId}: ${record.kind} on ${record.account}`);
    doc.font('sans').fontSize(8);
    doc.text(`Platform id ${record.platformId}; posted ${record.postedAt}; disposed ${record.disposedAt}.`);
    doc.text(`Rule ${record.ruleId}: ${record.citation}`);
    record.contentHashes.forEach((hash, index) => doc.text(`Version ${index + 1} content SHA-256 ${hash}`));
    for (const hash of record.rawCaptureSha256) doc.text(`Raw capture SHA-256 ${hash}`);
    for (const hash of record.mediaSha256) doc.text(`Media SHA-256 ${hash}`);
  }
  return finish();
}
