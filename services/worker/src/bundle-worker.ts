import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BundleBuildDependencies } from '@verbatim/bundles/production';
import { BUNDLE_QUEUE_JOB_NAMES, BUNDLE_QUEUE_NAME, BuildBundleJob } from '@verbatim/queue';
import type { Logger } from '@verbatim/runtime';
import { handleBuildBundle } from './handlers/build-bundle.handler';
import { startQueueWorker } from './queue-worker';

export interface BundleWorkerOptions {
  connection: Redis;
  prefix: string;
  deps: BundleBuildDependencies;
  logger: Logger;
}

/** Starts the worker of the bundle queue: one bundle at a time per process (rendering takes a core). */
export function startBundleWorker(options: BundleWorkerOptions): Worker {
  return startQueueWorker({
    queueName: BUNDLE_QUEUE_NAME,
    jobNames: BUNDLE_QUEUE_JOB_NAMES,
    handlers: { [BuildBundleJob.name]: (job) => handleBuildBundle(options.deps, job) },
    options: { connection: options.connection, prefix: options.prefix, concurrency: 1, lockDuration: 120_000 },
    logger: options.logger,
    failedMessage: 'bundle build failed',
  });
}
