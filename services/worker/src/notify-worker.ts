import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DeliverNotificationJob, NOTIFY_QUEUE_JOB_NAMES, NOTIFY_QUEUE_NAME, notifyBackoff } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { handleDeliverNotification, type NotifyDependencies } from './handlers/deliver-notification.handler';
import { startQueueWorker } from './queue-worker';

export interface NotifyWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: NotifyDependencies;
  retryDelayMs: number;
  retryMaxMs: number;
  logger: Logger;
}

/** Starts the worker of the notify queue: two deliveries at a time per process is plenty for a town's requests. */
export function startNotifyWorker(options: NotifyWorkerOptions): Worker {
  return startQueueWorker({
    queueName: NOTIFY_QUEUE_NAME,
    jobNames: NOTIFY_QUEUE_JOB_NAMES,
    handlers: { [DeliverNotificationJob.name]: (job) => handleDeliverNotification(options.deps, job) },
    options: {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 2,
      settings: { backoffStrategy: notifyBackoff(options.retryDelayMs, options.retryMaxMs) },
    },
    logger: options.logger,
    failedMessage: 'notification not delivered yet',
  });
}
