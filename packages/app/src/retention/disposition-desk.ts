import {
  UseCaseError,
  notFound,
  type AccountRegistry,
  type AuditLog,
  type DisposedRecord,
  type Disposition,
  type DispositionApproval,
  type DispositionControl,
  type RetentionStore,
  type SearchIndex,
} from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';
import type { ReportFile } from '../compliance/compliance-report';
import { buildDispositionReport, type DispositionReport } from './disposition-report';
import { dispositionReportCsv } from './disposition-report-csv';
import { dispositionReportPdf, dispositionTombstonesCsv, dispositionTombstonesPdf } from './disposition-files';
import { dueRecords } from './due-records';

export { MAX_DUE } from './due-records';

export interface DispositionDeskDependencies {
  catalog: AuditLog & Pick<AccountRegistry, 'listAccounts'>;
  retention: RetentionStore;
  foiaStore: FoiaStore;
  searchIndex: SearchIndex;
  /** Queues the approved disposition's job (DispositionRun carries it out). */
  dispositionControl: DispositionControl;
  townName: string;
  timeZone: string;
  now?: () => Date;
}

/** What a record's page and API detail say of its disposition: the tombstone and the approval it names. */
export interface RecordDisposition extends DisposedRecord {
  approvedAt: string;
  approvalNote: string;
}

/** An approval recorded, and the job that carries it out. */
export interface DispositionStarted {
  disposition: Disposition;
  jobId: string;
}

/**
 * The disposition report, and disposition itself once the attorney approves: the approval is recorded, then a
 * job (see DispositionRun) empties the records past retention and not held to tombstones (hashes, rule,
 * approval, date), takes their content out of search, and deletes the captures and media only they used, or
 * leaves them waiting for their Object Lock to end.
 */
export class DispositionDesk {
  constructor(private readonly deps: DispositionDeskDependencies) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  async report(): Promise<DispositionReport> {
    const asOf = this.now();
    const { due, truncated } = await dueRecords(this.deps, asOf);
    return buildDispositionReport({
      asOf,
      rules: await this.deps.retention.listRules(),
      due,
      truncated,
      waiting: await this.deps.retention.listWaitingObjects(),
    });
  }

  private async fileContext() {
    const { townName, timeZone } = this.deps;
    return {
      townName,
      timeZone,
      accounts: await this.deps.catalog.listAccounts(),
      now: this.deps.now?.() ?? new Date(),
    };
  }

  /** The report as a file to download: CSV, or PDF for the attorney's file. */
  async reportFile(format: 'csv' | 'pdf'): Promise<ReportFile> {
    const report = await this.report();
    if (format === 'pdf') return dispositionReportPdf(report, await this.fileContext());
    return { fileName: `disposition-report-${report.asOf.slice(0, 10)}.csv`, content: dispositionReportCsv(report) };
  }

  /** What a disposition left, as a file: its approval and every tombstone with hashes, rule and date. */
  async tombstonesFile(id: string, format: 'csv' | 'pdf'): Promise<ReportFile> {
    const outcome = await this.getOutcome(id);
    if (!outcome) throw notFound(`disposition ${id}`);
    if (format === 'csv') return dispositionTombstonesCsv(outcome.disposition, outcome.records);
    return dispositionTombstonesPdf(outcome.disposition, outcome.records, await this.fileContext());
  }

  listDispositions(): Promise<Disposition[]> {
    return this.deps.retention.listDispositions();
  }

  async getOutcome(id: string): Promise<{ disposition: Disposition; records: DisposedRecord[] } | null> {
    const disposition = await this.deps.retention.getDisposition(id);
    if (!disposition) return null;
    return { disposition, records: await this.deps.retention.listDisposedRecords(id) };
  }

  getTombstone(recordId: string): Promise<DisposedRecord | null> {
    return this.deps.retention.getDisposedRecord(recordId);
  }

  /** A disposed record's tombstone with its approval's date and note, for its page; null when not disposed. */
  async dispositionOf(recordId: string): Promise<RecordDisposition | null> {
    const tombstone = await this.deps.retention.getDisposedRecord(recordId);
    if (!tombstone) return null;
    const approval = await this.deps.retention.getDisposition(tombstone.dispositionId);
    return { ...tombstone, approvedAt: approval?.approvedAt ?? '', approvalNote: approval?.note ?? '' };
  }

  /**
   * The attorney approves: the approval is recorded and its job queued. The job disposes of what was due at
   * approval, checking the holds again as it goes.
   */
  async approve(approval: DispositionApproval, attorney: string): Promise<DispositionStarted> {
    const rules = await this.deps.retention.listRules();
    const unknown = (approval.ruleIds ?? []).filter((id) => !rules.some((rule) => rule.id === id));
    if (unknown.length > 0) {
      throw new UseCaseError('invalid', 'unknown_rule', `no retention rule ${unknown.join(', ')}`, [
        { path: 'ruleIds', message: 'not found' },
      ]);
    }
    const disposition = await this.deps.retention.createDisposition(
      { note: approval.note, ruleIds: approval.ruleIds ?? null },
      { by: attorney, at: this.now() },
    );
    await this.deps.catalog.appendAudit({
      actor: attorney,
      action: 'disposition.approved',
      target: disposition.id,
      details: { ...approval },
    });
    return { disposition, jobId: await this.deps.dispositionControl.enqueue(disposition.id) };
  }
}

/**
 * Queues again every approved disposition not yet completed (its job failed for good, expired, or Redis was
 * down when it was approved); run when a worker starts. Returns how many.
 */
export async function resumeUnfinishedDispositions(deps: {
  retention: RetentionStore;
  dispositionControl: DispositionControl;
}): Promise<number> {
  const unfinished = (await deps.retention.listDispositions()).filter((d) => d.completedAt === null);
  for (const disposition of unfinished) await deps.dispositionControl.enqueue(disposition.id);
  return unfinished.length;
}
