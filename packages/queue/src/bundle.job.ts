import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Builds one FOIA response bundle: gather, render (off the event loop), package, store, complete. */
export const BuildBundleJob = {
  name: 'build-bundle',
  payloadSchema: z.object({ bundleId: z.string().min(1) }),
  /** One job per bundle: asking twice builds it once. */
  jobId(bundleId: string): string {
    return `bundle-${bundleId}`;
  },
} as const;

export const BUNDLE_QUEUE_NAME = 'bundle';
export const BUNDLE_QUEUE_JOB_NAMES = [BuildBundleJob.name] as const;

export const BUNDLE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createBundleQueue(connection: Redis, prefix: string): Queue {
  return new Queue(BUNDLE_QUEUE_NAME, { connection, prefix, defaultJobOptions: BUNDLE_JOB_OPTIONS });
}

export async function enqueueBundleBuild(queue: Queue, bundleId: string): Promise<void> {
  await queue.add(BuildBundleJob.name, { bundleId }, { jobId: BuildBundleJob.jobId(bundleId) });
}
