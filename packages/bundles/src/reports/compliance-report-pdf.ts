import PDFDocument from 'pdfkit';
import { FONT_FILES } from '../text/font-library';

/** One account's line of the compliance report. */
export interface ComplianceReportAccount {
  /** `@westportparks on Facebook`, with the display name when there is one. */
  account: string;
  agency: string;
  status: string;
  compliant: boolean;
  administrators: number;
  moderators: number;
  reasons: readonly string[];
}

export interface ComplianceReportInput {
  townName: string;
  /** What the report covers: the town, or one agency's name. */
  scope: string;
  /** When it was produced, as the town reads it (`2026-12-07 10:15 America/New_York`). */
  producedAt: string;
  accounts: readonly ComplianceReportAccount[];
}

const MARGIN = 54;

/**
 * The account registry's compliance report as a PDF: a summary, then each account with what it lacks in plain
 * words. A few pages at most for a town, so it is rendered on the calling thread. Noto Sans embedded, so names in
 * any Latin, Greek or Cyrillic script print as written.
 */
export async function renderComplianceReportPdf(input: ComplianceReportInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    info: { Title: `${input.townName}: account registry compliance, ${input.scope}`, Creator: 'Verbatim' },
  });
  doc.registerFont('sans', require.resolve(FONT_FILES.sans));
  doc.registerFont('sans-bold', require.resolve(FONT_FILES['sans-bold']));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  writeReport(doc, input);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function writeReport(doc: PDFKit.PDFDocument, input: ComplianceReportInput): void {
  const failing = input.accounts.filter((account) => !account.compliant).length;
  doc.font('sans-bold').fontSize(16).text(`${input.townName}: account registry compliance`);
  doc.font('sans').fontSize(11).text(`Scope: ${input.scope}`).text(`Produced: ${input.producedAt}`);
  doc
    .moveDown(0.5)
    .text(`${input.accounts.length} accounts: ${input.accounts.length - failing} compliant, ${failing} not compliant.`);
  doc
    .fontSize(9)
    .text(
      'Each account needs at least two registered administrators and one moderator, each with an email address, a phone number and a receipt of the current policy, and must be archived on time by a working connector.',
    );
  for (const account of input.accounts) {
    doc.moveDown(0.8);
    doc
      .font('sans-bold')
      .fontSize(11)
      .text(`${account.account} (${account.agency}): ${account.compliant ? 'compliant' : 'NOT compliant'}`);
    doc
      .font('sans')
      .fontSize(9)
      .text(`Status ${account.status}; ${account.administrators} administrators, ${account.moderators} moderators.`);
    for (const reason of account.reasons) doc.text(`• ${reason}`, { indent: 12 });
  }
}
