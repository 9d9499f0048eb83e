import {
  UseCaseError,
  type AuditLog,
  type DisposedRecord,
  type Disposition,
  type DispositionApproval,
  type DispositionCandidate,
  type IndexBacklog,
  type ObjectStore,
  type RetentionStore,
  type SearchIndex,
} from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';
import { flushIndexBacklog } from '@verbatim/ingest';
import { buildDispositionReport, waitingMessage, type DispositionReport } from './disposition-report';
import { recordsHeldBySavedSearches } from './saved-search-holds';

/** A report or a run looks at this many due records at most; the rest wait for the next run. */
export const MAX_DUE = 10_000;
const BATCH = 200;

export interface DispositionDeskDependencies {
  catalog: AuditLog & IndexBacklog;
  retention: RetentionStore;
  foiaStore: FoiaStore;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  now?: () => Date;
}

/** What one approved run did. */
export interface DispositionOutcome {
  disposition: Disposition;
  records: DisposedRecord[];
  objectsDeleted: string[];
  objectsWaiting: Array<{ key: string; lockedUntil: string; message: string }>;
}

/**
 * The disposition report, and disposition itself once the attorney approves: records past retention and not
 * held are emptied to a tombstone (hashes, rule, approval, date), re-indexed without their content, and the
 * captures and media only they used are deleted from storage, or wait for their Object Lock to end.
 */
export class DispositionDesk {
  constructor(private readonly deps: DispositionDeskDependencies) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  /** Due records not held by any hold, saved-search holds included. */
  private async due(asOf: string, ruleIds?: string[]): Promise<{ due: DispositionCandidate[]; truncated: boolean }> {
    const candidates = await this.deps.retention.listDispositionCandidates(asOf, MAX_DUE + 1, ruleIds);
    const held = await recordsHeldBySavedSearches(this.deps, await this.deps.retention.listHolds());
    const due = candidates.slice(0, MAX_DUE).filter((candidate) => !held.has(candidate.recordId));
    return { due, truncated: candidates.length > MAX_DUE };
  }

  async report(): Promise<DispositionReport> {
    const asOf = this.now();
    const { due, truncated } = await this.due(asOf);
    return buildDispositionReport({
      asOf,
      rules: await this.deps.retention.listRules(),
      due,
      truncated,
      waiting: await this.deps.retention.listWaitingObjects(),
    });
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

  /** The attorney approves: records the approval, then disposes what is due now (holds re-checked) at once. */
  async approve(approval: DispositionApproval, attorney: string): Promise<DispositionOutcome> {
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
    return this.run(disposition, attorney);
  }

  private async run(disposition: Disposition, attorney: string): Promise<DispositionOutcome> {
    const { due } = await this.due(this.now(), disposition.ruleIds ?? undefined);
    const records: DisposedRecord[] = [];
    const objectKeys = new Set<string>();
    for (let start = 0; start < due.length; start += BATCH) {
      const ids = due.slice(start, start + BATCH).map((candidate) => candidate.recordId);
      const batch = await this.deps.retention.disposeRecords(disposition.id, ids, this.now());
      records.push(...batch.disposed);
      for (const key of batch.objectKeys) objectKeys.add(key);
    }
    // The index first: content must leave search even if storage is slow or refuses.
    await flushIndexBacklog(this.deps);
    // Objects earlier runs left for their lock are retried, each checked again: a new capture may use it now.
    for (const object of await this.deps.retention.listWaitingObjects()) objectKeys.add(object.key);
    const unused = await this.deps.retention.unusedObjects([...objectKeys]);
    const { deleted, waiting } = await this.removeObjects(disposition.id, unused);
    const completed = await this.deps.retention.completeDisposition(disposition.id, records.length, this.now());
    await this.deps.catalog.appendAudit({
      actor: attorney,
      action: 'disposition.completed',
      target: disposition.id,
      details: { records: records.length, objectsDeleted: deleted.length, objectsWaiting: waiting.length },
    });
    return { disposition: completed, records, objectsDeleted: deleted, objectsWaiting: waiting };
  }

  private async removeObjects(dispositionId: string, keys: string[]) {
    const deleted: string[] = [];
    const waiting: DispositionOutcome['objectsWaiting'] = [];
    for (const key of keys) {
      const removal = await this.deps.objectStore.remove(key);
      const lockedUntil = removal.removed ? null : removal.lockedUntil;
      const deletedAt = removal.removed ? this.now() : null;
      await this.deps.retention.recordObjectOutcome({ key, dispositionId, deletedAt, lockedUntil });
      if (lockedUntil === null) deleted.push(key);
      else waiting.push({ key, lockedUntil, message: waitingMessage(lockedUntil) });
    }
    return { deleted, waiting };
  }
}
