import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ImportDependencies, SyncDependencies } from '@verbatim/ingest';
import {
  CarryOutDispositionJob,
  ImportExportJob,
  SYNC_QUEUE_JOB_NAMES,
  SYNC_QUEUE_NAME,
  SyncAccountJob,
  SyncTickJob,
  VerifyArchiveJob,
} from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { handleCarryOutDisposition, type DispositionRunner } from './handlers/carry-out-disposition.handler';
import { handleImportExport } from './handlers/import-export.handler';
import { handleSyncAccount, type SyncHandlerContext } from './handlers/sync-account.handler';
import { handleSyncTick } from './handlers/sync-tick.handler';
import { startQueueWorker } from './queue-worker';
import { handleVerifyArchive, type ArchiveVerifying } from './handlers/verify-archive.handler';

export interface SyncWorkerOptions {
  connection: Redis;
  prefix: string;
  queue: Queue;
  deps: SyncDependencies;
  /** What imports of platform exports need besides the sync's parts; a process without it fails imports, saying so. */
  imports?: Pick<ImportDependencies, 'exportImports' | 'findExportReader' | 'scratchDir'>;
  /** Carries out approved dispositions; a process without it fails their jobs, saying so. */
  dispositions?: DispositionRunner;
  /** Verifies the archive (the API's verifications); a process without it fails their jobs, saying so. */
  verifier?: ArchiveVerifying;
  signal: AbortSignal;
  concurrency: number;
  /** How long a job's lock lives without renewal; a killed worker's job is taken over after about this long. */
  lockDurationMs?: number;
  logger: Logger;
  /** Told of every sync run when it ends, with what it captured. */
  onRunEnded?: SyncHandlerContext['onRunEnded'];
}

/** Starts the worker of the sync queue. Refuses to start if any declared job name lacks a handler. */
export function startSyncWorker(options: SyncWorkerOptions): Worker {
  const lockDuration = options.lockDurationMs ?? 30_000;
  return startQueueWorker({
    queueName: SYNC_QUEUE_NAME,
    jobNames: SYNC_QUEUE_JOB_NAMES,
    handlers: {
      [SyncAccountJob.name]: (job, token) =>
        handleSyncAccount({ deps: options.deps, signal: options.signal, onRunEnded: options.onRunEnded }, job, token),
      [SyncTickJob.name]: (job) => handleSyncTick({ queue: options.queue, catalog: options.deps.catalog }, job),
      [ImportExportJob.name]: (job, token) => {
        if (!options.imports)
          throw new Error('this worker was started without imports: start it with the catalog stores');
        return handleImportExport(
          { deps: { ...options.deps, ...options.imports }, signal: options.signal },
          job,
          token,
        );
      },
      [CarryOutDispositionJob.name]: (job) => {
        if (!options.dispositions)
          throw new Error('this worker was started without dispositions: start it with the catalog stores');
        return handleCarryOutDisposition(options.dispositions, job);
      },
      [VerifyArchiveJob.name]: (job) => {
        if (!options.verifier)
          throw new Error('this worker was started without a verifier: start it with the catalog stores');
        return handleVerifyArchive(options.verifier, job);
      },
    },
    options: {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    },
    logger: options.logger,
    failedMessage: 'job failed',
  });
}
