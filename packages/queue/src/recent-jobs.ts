import type { Job, Queue } from 'bullmq';
import { JOB_LIST_STATES, type JobListState, type RecentJob, type RecentJobs } from '@verbatim/core';
import { whileQueueAnswers } from './bullmq-job-control';

/** The given queues behind the RecentJobs port: each state is read newest first, then the lists are merged. */
export function bullmqRecentJobs(queues: readonly Queue[]): RecentJobs {
  return {
    queueNames: () => queues.map((queue) => queue.name),
    list: (filter) =>
      whileQueueAnswers(async () => {
        const states = filter.states && filter.states.length > 0 ? filter.states : JOB_LIST_STATES;
        const chosen = queues.filter((queue) => !filter.queue || queue.name === filter.queue);
        const lists = await Promise.all(
          chosen.flatMap((queue) => states.map((state) => readState(queue, state, filter.limit))),
        );
        return lists
          .flat()
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, filter.limit);
      }),
  };
}

async function readState(queue: Queue, state: JobListState, limit: number): Promise<RecentJob[]> {
  // Finished lists are kept newest first by BullMQ; ascending=false reads the waiting ones newest first too.
  const jobs = await queue.getJobs([state], 0, limit - 1, false);
  return jobs.filter((job): job is Job => Boolean(job)).map((job) => describeJob(queue.name, state, job));
}

function describeJob(queueName: string, state: JobListState, job: Job): RecentJob {
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);
  return {
    id: job.id ?? '',
    queue: queueName,
    name: job.name,
    state,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
    durationMs: job.processedOn && job.finishedOn ? job.finishedOn - job.processedOn : undefined,
    failedReason: job.failedReason || undefined,
  };
}
