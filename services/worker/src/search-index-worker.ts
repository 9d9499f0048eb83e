import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ReindexJob, SEARCH_INDEX_QUEUE_JOB_NAMES, SEARCH_INDEX_QUEUE_NAME } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { handleReindex, type ReindexHandlerContext } from './handlers/reindex.handler';
import { startQueueWorker } from './queue-worker';

/** Starts the worker of the search-index queue: one reindex at a time per process. */
export function startSearchIndexWorker(options: {
  connection: Redis;
  prefix: string;
  context: ReindexHandlerContext;
  logger: Logger;
}): Worker {
  return startQueueWorker({
    queueName: SEARCH_INDEX_QUEUE_NAME,
    jobNames: SEARCH_INDEX_QUEUE_JOB_NAMES,
    handlers: { [ReindexJob.name]: (job, token) => handleReindex(options.context, job, token) },
    options: { connection: options.connection, prefix: options.prefix, concurrency: 1, lockDuration: 60_000 },
    logger: options.logger,
    failedMessage: 'reindex failed',
  });
}
