import { csvDocument } from '@verbatim/core';
import type { RetentionPeriod } from '@verbatim/core';
import type { DispositionReport } from './disposition-report';

const HEADER = [
  'rule_id',
  'citation',
  'retention',
  'record_id',
  'account_id',
  'agency_id',
  'kind',
  'posted_at',
  'retention_ended_at',
] as const;

export const retentionText = (retention: RetentionPeriod) =>
  retention === 'permanent' ? 'permanent' : `${retention.days} ${retention.days === 1 ? 'day' : 'days'}`;

/** The report as CSV: one row per due record with its rule, then one row per object waiting for its lock. */
export function dispositionReportCsv(report: DispositionReport): string {
  const rows = report.rules.flatMap(({ rule, records }) =>
    records.map((record) => [
      rule.id,
      rule.citation,
      retentionText(rule.retention),
      record.recordId,
      record.accountId,
      record.agencyId,
      record.kind,
      record.postedAt,
      record.retentionEndedAt,
    ]),
  );
  const waiting = report.waitingObjects.map((object) => [
    '',
    object.message,
    '',
    object.key,
    '',
    '',
    'object',
    '',
    object.lockedUntil ?? '',
  ]);
  return csvDocument(HEADER, [...rows, ...waiting]);
}
