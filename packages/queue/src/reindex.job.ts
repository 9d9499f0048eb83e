import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { JobStatus } from '@verbatim/core';
import { getJobStatus } from './sync-queue';

/** Rebuilds the search index from the catalog into a new generation, then makes it live. */
export const ReindexJob = {
  name: 'reindex',
  payloadSchema: z.object({ requestedBy: z.string().min(1) }),
} as const;

export const SEARCH_INDEX_QUEUE_NAME = 'search-index';
export const SEARCH_INDEX_QUEUE_JOB_NAMES = [ReindexJob.name] as const;

/** A crash or a stalled worker hands the job to another, which resumes the copy from its saved progress. */
export const REINDEX_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 50 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50 },
};

export function createSearchIndexQueue(connection: Redis, prefix: string): Queue {
  return new Queue(SEARCH_INDEX_QUEUE_NAME, { connection, prefix, defaultJobOptions: REINDEX_JOB_OPTIONS });
}

export class ReindexAlreadyRunningError extends Error {
  override readonly name = 'ReindexAlreadyRunningError';
  constructor(readonly jobId: string) {
    super(`a reindex is already under way (job ${jobId}); follow it instead of starting another`);
  }
}

/** Queues a reindex unless one is waiting or running (two at once would build the same generation). */
export async function enqueueReindex(queue: Queue, requestedBy: string): Promise<string> {
  const [running] = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized'], 0, 0);
  if (running) throw new ReindexAlreadyRunningError(running.id!);
  const jobId = `reindex-${Date.now()}`;
  await queue.add(ReindexJob.name, { requestedBy }, { jobId });
  return jobId;
}

/** The newest reindex job, whatever its state. */
export async function latestReindex(queue: Queue): Promise<JobStatus | null> {
  const jobs = await queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'], 0, 20);
  const newest = jobs.filter(Boolean).sort((a, b) => b.timestamp - a.timestamp)[0];
  return newest ? getJobStatus(queue, newest.id!) : null;
}
