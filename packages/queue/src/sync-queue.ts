import { Job, JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Account, AccountRegistry, JobStatus, SyncStateStore } from '@verbatim/core';
import { isAccountPolled } from '@verbatim/core';
import { SYNC_QUEUE_NAME, SyncAccountJob, SyncTickJob } from './sync-account.job';

/** Retries with exponential backoff (5 s, 10 s, 20 s …); finished jobs are kept long enough to be looked up. */
export const SYNC_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createSyncQueue(connection: Redis, prefix: string): Queue {
  return new Queue(SYNC_QUEUE_NAME, { connection, prefix, defaultJobOptions: SYNC_JOB_OPTIONS });
}

/**
 * Queues a sync of the account unless its current pass already has a job, and returns that pass's job id.
 * A pass whose job failed is retried (it resumes from its saved cursor) rather than started afresh.
 */
export async function enqueueSync(queue: Queue, catalog: SyncStateStore, accountId: string): Promise<string> {
  const state = await catalog.getSyncState(accountId);
  const unfinished = state.status === 'running' || state.status === 'failed';
  const jobId = SyncAccountJob.jobId(accountId, unfinished ? state.passNumber : state.passNumber + 1);
  const existing = await queue.getJob(jobId);
  if (existing) {
    if ((await existing.getState()) === 'failed') await existing.retry();
    return jobId;
  }
  await queue.add(SyncAccountJob.name, { accountId }, { jobId });
  return jobId;
}

/** Reports a job as the API shows it, or null when the queue has no such job (never existed or expired). */
export async function getJobStatus(queue: Queue, jobId: string): Promise<JobStatus | null> {
  // State first, then the job: a job that finishes between the two reads is reported as still running (its
  // next poll shows the end), never as completed without its result, as the other order could.
  const state = await queue.getJobState(jobId);
  const job = await Job.fromId(queue, jobId);
  if (!job || state === 'unknown') return null;
  return {
    id: jobId,
    name: job.name,
    state: normalizeState(state),
    progress: job.progress,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : undefined,
    result: job.returnvalue ?? undefined,
    error: job.failedReason || undefined,
  };
}

function normalizeState(state: string): JobStatus['state'] {
  if (state === 'completed' || state === 'failed' || state === 'active' || state === 'delayed') return state;
  return 'waiting';
}

/** Gives the account a job scheduler at its interval while it is polled, and removes it otherwise. */
export async function scheduleAccount(queue: Queue, account: Account): Promise<void> {
  const schedulerId = SyncTickJob.schedulerId(account.id);
  if (!isAccountPolled(account)) {
    await queue.removeJobScheduler(schedulerId);
    return;
  }
  await queue.upsertJobScheduler(
    schedulerId,
    { every: account.syncIntervalMinutes * 60_000 },
    {
      name: SyncTickJob.name,
      data: { accountId: account.id },
      opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
    },
  );
}

/** Brings every account's scheduler in line with the catalog (run when a worker starts). */
export async function reconcileSchedules(queue: Queue, catalog: AccountRegistry): Promise<number> {
  const accounts = await catalog.listAccounts();
  for (const account of accounts) await scheduleAccount(queue, account);
  return accounts.filter(isAccountPolled).length;
}
