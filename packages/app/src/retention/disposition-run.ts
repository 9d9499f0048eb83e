import {
  mediaKey,
  rawCaptureKey,
  type AuditLog,
  type DisposedRecord,
  type Disposition,
  type DispositionProgress,
  type DispositionRunResult,
  type IndexBacklog,
  type ObjectStore,
  type ObjectWaiting,
  type RetentionStore,
  type SearchIndex,
} from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';
import { flushIndexBacklog } from '@verbatim/ingest';
import { waitingMessage } from './disposition-report';
import { dueRecords } from './due-records';

export interface DispositionRunDependencies {
  catalog: AuditLog & IndexBacklog;
  retention: RetentionStore;
  foiaStore: FoiaStore;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  now?: () => Date;
  /** Records disposed per transaction (200); smaller in tests. */
  batchSize?: number;
}

/** Thrown when the job names a disposition the catalog does not have: retrying cannot help. */
export class DispositionNotFoundError extends Error {
  override readonly name = 'DispositionNotFoundError';
  constructor(readonly dispositionId: string) {
    super(`no disposition ${dispositionId}`);
  }
}

type Report = (progress: DispositionProgress) => Promise<void>;

/**
 * Carries out an approved disposition, as its job does. Every step may be redone after a crash: a record is
 * emptied and given its tombstone in one transaction (never half-disposed) and is then no longer due; its
 * re-indexing is queued in that same transaction; and the objects to delete are worked out again from the
 * disposition's tombstones, so a run that stopped anywhere finishes the rest when run again.
 */
export class DispositionRun {
  constructor(private readonly deps: DispositionRunDependencies) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  async carryOut(dispositionId: string, report: Report = async () => {}): Promise<DispositionRunResult> {
    const disposition = await this.deps.retention.getDisposition(dispositionId);
    if (!disposition) throw new DispositionNotFoundError(dispositionId);
    if (disposition.completedAt !== null)
      return { disposition, recordsDisposed: disposition.recordsDisposed, objectsDeleted: [], objectsWaiting: [] };
    const progress: DispositionProgress = {
      dispositionId,
      step: 'records',
      recordsDue: 0,
      recordsDisposed: 0,
      objectsToCheck: 0,
      objectsDeleted: 0,
      objectsWaiting: 0,
    };
    const objectKeys = await this.disposeDueRecords(disposition, progress, report);
    // The index first: content must leave search even if storage is slow or refuses.
    progress.step = 'search';
    await report({ ...progress });
    await flushIndexBacklog(this.deps);
    const tombstones = await this.deps.retention.listDisposedRecords(dispositionId);
    for (const key of keysOfTombstones(tombstones)) objectKeys.add(key);
    // Objects earlier runs left for their lock are retried, each checked again: a new capture may use it now.
    for (const object of await this.deps.retention.listWaitingObjects()) objectKeys.add(object.key);
    const unused = await this.deps.retention.unusedObjects([...objectKeys]);
    Object.assign(progress, { step: 'storage', objectsToCheck: unused.length });
    await report({ ...progress });
    const { deleted, waiting } = await this.removeObjects(dispositionId, unused, progress, report);
    const completed = await this.deps.retention.completeDisposition(dispositionId, tombstones.length, this.now());
    await this.deps.catalog.appendAudit({
      actor: disposition.approvedBy,
      action: 'disposition.completed',
      target: dispositionId,
      details: { records: tombstones.length, objectsDeleted: deleted.length, objectsWaiting: waiting.length },
    });
    progress.step = 'done';
    await report({ ...progress });
    return {
      disposition: completed,
      recordsDisposed: tombstones.length,
      objectsDeleted: deleted,
      objectsWaiting: waiting,
    };
  }

  /**
   * What was due when the attorney approved (holds checked again now), in batches of one transaction each.
   * Records an earlier attempt disposed are no longer due: they are counted, not done twice.
   */
  private async disposeDueRecords(disposition: Disposition, progress: DispositionProgress, report: Report) {
    const { due } = await dueRecords(this.deps, disposition.approvedAt, disposition.ruleIds ?? undefined);
    progress.recordsDisposed = (await this.deps.retention.listDisposedRecords(disposition.id)).length;
    progress.recordsDue = progress.recordsDisposed + due.length;
    await report({ ...progress });
    const objectKeys = new Set<string>();
    const batchSize = this.deps.batchSize ?? 200;
    for (let start = 0; start < due.length; start += batchSize) {
      const ids = due.slice(start, start + batchSize).map((candidate) => candidate.recordId);
      const batch = await this.deps.retention.disposeRecords(disposition.id, ids, this.now());
      for (const key of batch.objectKeys) objectKeys.add(key);
      progress.recordsDisposed += batch.disposed.length;
      await report({ ...progress });
    }
    return objectKeys;
  }

  private async removeObjects(dispositionId: string, keys: string[], progress: DispositionProgress, report: Report) {
    const deleted: string[] = [];
    const waiting: ObjectWaiting[] = [];
    for (const key of keys) {
      const removal = await this.deps.objectStore.remove(key);
      const lockedUntil = removal.removed ? null : removal.lockedUntil;
      const deletedAt = removal.removed ? this.now() : null;
      await this.deps.retention.recordObjectOutcome({ key, dispositionId, deletedAt, lockedUntil });
      if (lockedUntil === null) deleted.push(key);
      else waiting.push({ key, lockedUntil, message: waitingMessage(lockedUntil) });
      progress.objectsDeleted = deleted.length;
      progress.objectsWaiting = waiting.length;
      if ((deleted.length + waiting.length) % 50 === 0) await report({ ...progress });
    }
    return { deleted, waiting };
  }
}

/** The stored objects a disposition's records used: captures and media are kept under their SHA-256. */
function keysOfTombstones(tombstones: DisposedRecord[]): string[] {
  return tombstones.flatMap((tombstone) => [
    ...tombstone.rawCaptureSha256.map(rawCaptureKey),
    ...tombstone.mediaSha256.map(mediaKey),
  ]);
}
