import { csvDocument, type Account, type DisposedRecord, type Disposition } from '@verbatim/core';
import { renderReportPdfInWorker } from '@verbatim/bundles/production';
import type { ReportFile } from '../compliance/compliance-report';
import { townDate, townDateTime } from '../foia/request-log-csv';
import { retentionText } from './disposition-report-csv';
import type { DispositionReport } from './disposition-report';

/** How the files name people, accounts and times: the town's name and clock, accounts by handle. */
export interface FileContext {
  townName: string;
  timeZone: string;
  accounts: Account[];
  now: Date;
}

const accountLabel = (context: FileContext, accountId: string) => {
  const account = context.accounts.find((candidate) => candidate.id === accountId);
  return account ? `@${account.handle} (${account.platform})` : accountId;
};

const townClock = (iso: string, context: FileContext) => `${townDateTime(iso, context.timeZone)}`;
const producedAt = (context: FileContext) => `${townClock(context.now.toISOString(), context)} ${context.timeZone}`;

/** The disposition report as PDF: due records per rule with its citation, then objects waiting for their lock. */
export async function dispositionReportPdf(report: DispositionReport, context: FileContext): Promise<ReportFile> {
  const content = await renderReportPdfInWorker({
    kind: 'disposition-report',
    input: {
      townName: context.townName,
      producedAt: producedAt(context),
      total: report.total,
      truncated: report.truncated,
      rules: report.rules.map(({ rule, records }) => ({
        ruleId: rule.id,
        citation: rule.citation,
        retention: retentionText(rule.retention),
        records: records.map((record) => ({
          recordId: record.recordId,
          account: accountLabel(context, record.accountId),
          kind: record.kind,
          postedAt: townClock(record.postedAt, context),
          retentionEndedAt: townClock(record.retentionEndedAt, context),
        })),
      })),
      waitingObjects: report.waitingObjects,
    },
  });
  return { fileName: `disposition-report-${townDate(report.asOf, context.timeZone)}.pdf`, content };
}

const TOMBSTONE_HEADER = [
  'disposition_id',
  'approved_by',
  'approved_at',
  'approval_note',
  'record_id',
  'account_id',
  'platform_id',
  'kind',
  'posted_at',
  'rule_id',
  'citation',
  'disposed_at',
  'content_sha256',
  'raw_capture_sha256',
  'media_sha256',
] as const;

/** A disposition's tombstones as CSV, one row per record; several hashes in a cell are separated by spaces. */
export function dispositionTombstonesCsv(disposition: Disposition, records: DisposedRecord[]): ReportFile {
  const content = csvDocument(
    TOMBSTONE_HEADER,
    records.map((record) => [
      disposition.id,
      disposition.approvedBy,
      disposition.approvedAt,
      disposition.note,
      record.recordId,
      record.accountId,
      record.platformId,
      record.kind,
      record.postedAt,
      record.ruleId,
      record.citation,
      record.disposedAt,
      record.contentHashes.join(' '),
      record.rawCaptureSha256.join(' '),
      record.mediaSha256.join(' '),
    ]),
  );
  return { fileName: `disposition-${disposition.id}.csv`, content };
}

/** A disposition's tombstones as PDF: the approval, then each record's hashes, rule, citation and date. */
export async function dispositionTombstonesPdf(
  disposition: Disposition,
  records: DisposedRecord[],
  context: FileContext,
): Promise<ReportFile> {
  const content = await renderReportPdfInWorker({
    kind: 'disposition-tombstones',
    input: {
      townName: context.townName,
      producedAt: producedAt(context),
      disposition: {
        id: disposition.id,
        approvedBy: disposition.approvedBy,
        approvedAt: townClock(disposition.approvedAt, context),
        note: disposition.note,
        completedAt: disposition.completedAt ? townClock(disposition.completedAt, context) : 'under way',
      },
      records: records.map((record) => ({
        ...record,
        account: accountLabel(context, record.accountId),
        postedAt: townClock(record.postedAt, context),
        disposedAt: townClock(record.disposedAt, context),
      })),
    },
  });
  return { fileName: `disposition-${disposition.id}.pdf`, content };
}
