import PDFDocument from 'pdfkit';

/** One line of the report as the PDF prints it; the app's ledger rows, flattened to text. */
export interface LedgerPdfRow {
  detectedAt: string;
  change: string;
  account: string;
  kind: string;
  author: string;
  text: string;
  review: string;
  unreviewed: boolean;
  resolution: string;
  recordId: string;
}

export interface LedgerPdfInput {
  townName: string;
  title: string;
  period: string;
  generatedAt: string;
  rows: LedgerPdfRow[];
}

const FONT = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
const BOLD = require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');
/** How much of an item's text the report quotes; the record page and the bundle have the rest. */
const QUOTED = 600;

/**
 * The moderation ledger report for counsel as a tagged PDF (pdfkit, Noto Sans embedded): the account and
 * period, a count of entries and of the unreviewed ones, then each entry with when it was detected, the change,
 * the item, the review that approved it or the flag and its resolution. Small enough to render in the request.
 */
export async function renderModerationLedgerPdf(input: LedgerPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    info: { Title: `${input.townName}: ${input.title}`, Author: input.townName, Creator: 'Verbatim' },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const unreviewed = input.rows.filter((row) => row.unreviewed).length;
  doc.font('bold').fontSize(16).text(`${input.townName}: ${input.title}`);
  doc.font('body').fontSize(10).moveDown(0.5);
  doc.text(`Period: ${input.period}`);
  doc.text(`Generated: ${input.generatedAt}`);
  doc.text(`Entries: ${input.rows.length}; flagged unreviewed when detected: ${unreviewed}`);
  if (input.rows.length === 0) doc.moveDown().text('Nothing was hidden or removed in this period.');
  input.rows.forEach((row, index) => {
    doc.moveDown();
    doc
      .font('bold')
      .fontSize(11)
      .text(`${index + 1}. ${row.change === 'deleted' ? 'Removed' : 'Hidden'}, detected ${row.detectedAt}`);
    doc.font('body').fontSize(10);
    doc.text(`Account: ${row.account}. ${row.kind} by ${row.author}. Record ${row.recordId}`);
    doc.text(`Text: ${row.text.length > QUOTED ? `${row.text.slice(0, QUOTED)}…` : row.text}`);
    doc.text(`Approving review: ${row.review || 'none on record'}`);
    if (row.unreviewed) doc.text(`UNREVIEWED. ${row.resolution}`);
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
