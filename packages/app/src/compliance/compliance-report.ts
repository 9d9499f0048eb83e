import { csvDocument } from '@verbatim/core';
import { renderComplianceReportPdf, type ComplianceReportAccount } from '@verbatim/bundles/production';
import { describeAccount } from '@verbatim/notify';
import { townDate } from '../foia/request-log-csv';
import type { AccountCompliance } from './assess-compliance';

export const COMPLIANCE_CSV_HEADER = [
  'Agency',
  'Account',
  'Platform',
  'Handle',
  'Status',
  'Compliant',
  'Administrators',
  'Moderators',
  'What is missing',
] as const;

/** A report file, named for what it covers and the day. */
export interface ReportFile {
  fileName: string;
  content: string | Buffer;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'agency';

/** The compliance report as CSV (through the shared, formula-guarded writer): one row per account. */
export function complianceCsv(accounts: readonly AccountCompliance[], scope: string, now: Date, timeZone: string) {
  const content = csvDocument(
    COMPLIANCE_CSV_HEADER,
    accounts.map((account) => [
      account.agency,
      account.displayName ?? account.handle,
      account.platform,
      account.handle,
      account.status,
      account.compliant ? 'yes' : 'no',
      account.administrators,
      account.moderators,
      account.reasons.join(' | '),
    ]),
  );
  return { fileName: `compliance-${slug(scope)}-${townDate(now.toISOString(), timeZone)}.csv`, content };
}

/** The compliance report as PDF: a summary, then each account with what it lacks. */
export async function compliancePdf(
  accounts: readonly AccountCompliance[],
  context: { townName: string; scope: string; now: Date; timeZone: string },
): Promise<ReportFile> {
  const rows: ComplianceReportAccount[] = accounts.map((account) => ({
    account: `${account.displayName ? `${account.displayName}, ` : ''}${describeAccount(account).replace(/ \(.*\)$/, '')}`,
    agency: account.agency,
    status: account.status,
    compliant: account.compliant,
    administrators: account.administrators,
    moderators: account.moderators,
    reasons: account.reasons,
  }));
  const producedAt = `${new Intl.DateTimeFormat('en-CA', {
    timeZone: context.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(context.now)} ${context.timeZone}`;
  const content = await renderComplianceReportPdf({
    townName: context.townName,
    scope: context.scope,
    producedAt,
    accounts: rows,
  });
  return {
    fileName: `compliance-${slug(context.scope)}-${townDate(context.now.toISOString(), context.timeZone)}.pdf`,
    content,
  };
}
