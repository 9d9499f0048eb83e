import { hostname } from 'node:os';
import { Job, Worker, type WorkerOptions } from 'bullmq';
import type { Logger } from '@verbatim/runtime';

/**
 * How long a worker waits before asking Redis again after a connection error. BullMQ's default is 15 s, which
 * leaves work idle long after Redis is back; reconnecting is cheap, so we ask again after a second.
 */
const REDIS_RETRY_DELAY_MS = 1000;

/** Stored on every job this process handles (BullMQ's processedBy), so an operator sees which worker ran it. */
const WORKER_NAME = `${hostname()}:${process.pid}`;

export type JobHandler = (job: Job, token?: string) => Promise<unknown>;

export interface QueueWorkerDefinition<Name extends string> {
  queueName: string;
  /** Every job name the queue carries; starting fails if one has no handler (fail at start, not at 3 a.m.). */
  jobNames: readonly Name[];
  handlers: Record<Name, JobHandler>;
  options: WorkerOptions;
  logger: Logger;
  /** How the log names a failed attempt, e.g. "notification not delivered yet". */
  failedMessage: string;
}

/** Starts a BullMQ worker that dispatches by job name, with the logging every queue shares. */
export function startQueueWorker<Name extends string>(definition: QueueWorkerDefinition<Name>): Worker {
  const { handlers, logger } = definition;
  const missing = definition.jobNames.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for job type(s): ${missing.join(', ')}`);
  const worker = new Worker(
    definition.queueName,
    async (job, token) => {
      const handler = handlers[job.name as Name];
      if (!handler) throw new Error(`unknown job type ${job.name}`);
      return handler(job, token);
    },
    { runRetryDelay: REDIS_RETRY_DELAY_MS, name: WORKER_NAME, ...definition.options },
  );
  worker.on('failed', (job, error) =>
    logger.warn(
      { queue: definition.queueName, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
      definition.failedMessage,
    ),
  );
  worker.on('completed', (job) =>
    logger.info({ queue: definition.queueName, jobId: job.id, result: job.returnvalue }, 'job completed'),
  );
  worker.on('error', (error) => logger.error({ queue: definition.queueName, err: error.message }, 'worker error'));
  return worker;
}
