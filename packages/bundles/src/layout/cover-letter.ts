import { formatDateTime, formatLongDate } from '../format/dates';
import type { Block } from './blocks';
import { bundleCounts, plural, type SectionContext } from './section-context';
import { SectionWriter } from './section-writer';

function productionSentence(context: SectionContext): string {
  const { plan, bundle } = context;
  const counts = bundleCounts(bundle);
  const itemPages = plan.pages.items.reduce((sum, pages) => sum + pages, 0);
  const produced =
    counts.produced === 0
      ? 'This response reproduces no records.'
      : `This response reproduces ${plural(counts.produced, 'record')} from the town's social media archive on pages ` +
        `${plan.bates(plan.indexStart + plan.pages.index)} through ${plan.bates(plan.indexStart + plan.pages.index + itemPages - 1)}.`;
  return (
    `${produced} ${plural(counts.withheld, 'record')} ${counts.withheld === 1 ? 'was' : 'were'} withheld in full and ` +
    `${plural(counts.redactions, 'redaction')} ${counts.redactions === 1 ? 'was' : 'were'} made. The withholding log on page ` +
    `${plan.bates(plan.logStart)} lists each withholding and redaction with the statute relied on and the reason.`
  );
}

/** The cover letter: who asked for what and when, what is produced and withheld, and how to appeal. */
export function coverLetterBlocks(context: SectionContext): Block[] {
  const { bundle, plan } = context;
  const { request, timeZone } = bundle;
  const writer = new SectionWriter(context.shaper, [{ id: 'cover', type: 'Sect', title: 'Cover letter' }]);
  writer.heading('H1', `Response to Freedom of Information request ${request.number}`, 0);
  writer.paragraph(`${bundle.townName}\n${formatLongDate(bundle.producedAt, timeZone)}`);
  const organization = request.requester.organization ? `\n${request.requester.organization}` : '';
  writer.paragraph(`To: ${request.requester.name}${organization}`, { spaceBefore: 10 });
  writer.heading('H2', 'Your request');
  writer.paragraph(`We received your request on ${formatDateTime(request.receivedAt, timeZone)}. You asked for:`);
  writer.paragraph(request.description, { indent: 18 });
  writer.paragraph(
    `The response was due by ${formatDateTime(request.responseDueAt, timeZone)}. ` +
      `This response is dated ${formatDateTime(bundle.producedAt, timeZone)}.`,
  );
  writer.heading('H2', 'What this response contains');
  writer.paragraph(productionSentence(context));
  writer.paragraph(
    `Every page carries a Bates number, from ${plan.bates(0)} to ${plan.bates(plan.totalPages - 1)}. ` +
      'Each record shows the SHA-256 digest of the original capture kept in the archive, so anyone can check that the ' +
      'record reproduced here matches what was captured. Redacted passages are replaced by a marker naming the exemption.',
  );
  writer.heading('H2', 'Your right to appeal');
  writer.paragraph(
    'If you believe this response denies you a right given by the Freedom of Information Act, in whole or in part, ' +
      'you may appeal to the Freedom of Information Commission. Under C.G.S. § 1-206(b)(1), the notice of appeal must reach the ' +
      'Commission within 30 days after the denial, that is, within 30 days after the date of this letter.',
  );
  const officer = bundle.respondingOfficer;
  const signature = officer
    ? `${officer.name}${officer.title ? `\n${officer.title}` : ''}\n${bundle.townName}`
    : bundle.townName;
  writer.paragraph(`Sincerely,\n${signature}`, { spaceBefore: 14 });
  return writer.blocks;
}
