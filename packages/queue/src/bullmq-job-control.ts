import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  queueUnavailable,
  UseCaseError,
  type Catalog,
  type DispositionControl,
  type ImportControl,
  type JobControl,
  type ReindexControl,
  type VerificationControl,
} from '@verbatim/core';
import { enqueueDisposition } from './disposition.job';
import { enqueueImport } from './import-export.job';
import { enqueueReindex, latestReindex, ReindexAlreadyRunningError } from './reindex.job';
import { enqueueSync, getJobStatus, scheduleAccount } from './sync-queue';
import { enqueueVerification } from './verify-archive.job';

const REDIS_DOWN = /enableOfflineQueue|ECONNREFUSED|Connection is closed|ETIMEDOUT|max retries per request/i;

/** Runs a queue operation, turning "Redis is not answering" into the refusal people are shown. */
export async function whileQueueAnswers<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (REDIS_DOWN.test((error as Error).message ?? '')) throw queueUnavailable();
    throw error;
  }
}

/** The sync queue behind the JobControl port; job lookups also search `otherQueues` (e.g. reindex jobs). */
export function bullmqJobControl(queue: Queue, redis: Redis, catalog: Catalog, otherQueues: Queue[] = []): JobControl {
  return {
    enqueueSync: (accountId) => whileQueueAnswers(() => enqueueSync(queue, catalog, accountId)),
    getStatus: (jobId) =>
      whileQueueAnswers(async () => {
        for (const candidate of [queue, ...otherQueues]) {
          const status = await getJobStatus(candidate, jobId);
          if (status) return status;
        }
        return null;
      }),
    schedule: (account) => whileQueueAnswers(() => scheduleAccount(queue, account)),
    ping: async () => {
      await redis.ping();
    },
  };
}

/** The search-index queue behind the ReindexControl port. */
export function bullmqReindexControl(queue: Queue): ReindexControl {
  return {
    start: (requestedBy) =>
      whileQueueAnswers(async () => {
        try {
          return await enqueueReindex(queue, requestedBy);
        } catch (error) {
          if (error instanceof ReindexAlreadyRunningError)
            throw new UseCaseError('conflict', 'reindex_running', error.message, [
              { path: 'jobId', message: error.jobId },
            ]);
          throw error;
        }
      }),
    latest: () => whileQueueAnswers(() => latestReindex(queue)),
  };
}

/** The sync queue behind the ImportControl port: imports run beside the syncs. */
export function bullmqImportControl(queue: Queue): ImportControl {
  return { enqueue: (importId) => whileQueueAnswers(() => enqueueImport(queue, importId)) };
}

/** The sync queue behind the DispositionControl port: an approved disposition runs beside the syncs. */
export function bullmqDispositionControl(queue: Queue): DispositionControl {
  return { enqueue: (dispositionId) => whileQueueAnswers(() => enqueueDisposition(queue, dispositionId)) };
}

/** The sync queue behind the VerificationControl port: verifications run beside the syncs. */
export function bullmqVerificationControl(queue: Queue): VerificationControl {
  return { enqueue: (request) => whileQueueAnswers(() => enqueueVerification(queue, request)) };
}
