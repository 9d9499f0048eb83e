import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SyncDependencies } from '@verbatim/ingest';
import { SYNC_QUEUE_JOB_NAMES, SYNC_QUEUE_NAME, SyncAccountJob, SyncQueueJobName, SyncTickJob } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { handleSyncAccount } from './handlers/sync-account.handler';
import { handleSyncTick } from './handlers/sync-tick.handler';

export interface SyncWorkerOptions {
  connection: Redis;
  prefix: string;
  queue: Queue;
  deps: SyncDependencies;
  signal: AbortSignal;
  concurrency: number;
  /** How long a job's lock lives without renewal; a killed worker's job is taken over after about this long. */
  lockDurationMs?: number;
  logger: Logger;
}

type Handler = (job: Job, token?: string) => Promise<unknown>;

/** Starts the worker of the sync queue. Refuses to start if any declared job name lacks a handler. */
export function startSyncWorker(options: SyncWorkerOptions): Worker {
  const handlers: Record<SyncQueueJobName, Handler> = {
    [SyncAccountJob.name]: (job, token) => handleSyncAccount({ deps: options.deps, signal: options.signal }, job, token),
    [SyncTickJob.name]: (job) => handleSyncTick({ queue: options.queue, catalog: options.deps.catalog }, job),
  };
  const missing = SYNC_QUEUE_JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for job type(s): ${missing.join(', ')}`);

  const worker = new Worker(
    SYNC_QUEUE_NAME,
    async (job, token) => {
      const handler = handlers[job.name as SyncQueueJobName];
      if (!handler) throw new Error(`unknown job type ${job.name}`);
      return handler(job, token);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(1000, Math.floor((options.lockDurationMs ?? 30_000) / 2)),
    },
  );
  worker.on('failed', (job, error) => options.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'job failed'));
  worker.on('completed', (job) => options.logger.info({ jobId: job.id, result: job.returnvalue }, 'job completed'));
  worker.on('error', (error) => options.logger.error({ err: error.message }, 'worker error'));
  return worker;
}
