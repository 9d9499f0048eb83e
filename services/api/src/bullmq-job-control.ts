import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Catalog } from '@verbatim/core';
import { enqueueSync, getJobStatus, scheduleAccount } from '@verbatim/queue';
import type { JobControl } from './api-context';
import { ApiError } from './api-error';

const REDIS_DOWN = /enableOfflineQueue|ECONNREFUSED|Connection is closed|ETIMEDOUT|max retries per request/i;

export async function whileQueueAnswers<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (REDIS_DOWN.test((error as Error).message ?? '')) {
      throw new ApiError(503, 'queue_unavailable', 'the job queue (Redis) is not answering; try again shortly, and check /healthz');
    }
    throw error;
  }
}

/** The API's view of the BullMQ sync queue; job lookups also search `otherQueues` (e.g. reindex jobs). */
export function bullmqJobControl(queue: Queue, redis: Redis, catalog: Catalog, otherQueues: Queue[] = []): JobControl {
  return {
    enqueueSync: (accountId) => whileQueueAnswers(() => enqueueSync(queue, catalog, accountId)),
    getStatus: (jobId) => whileQueueAnswers(async () => {
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
