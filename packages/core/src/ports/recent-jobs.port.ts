/** The states a queued job can be listed in. */
export const JOB_LIST_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type JobListState = (typeof JOB_LIST_STATES)[number];

/** A job as IT sees it in the list of recent jobs: where it ran, how long it took and why it failed. */
export interface RecentJob {
  id: string;
  /** The queue that carries it: sync (syncs, imports, dispositions), bundle, notify or search-index. */
  queue: string;
  /** The job type, e.g. sync-account or import-export. */
  name: string;
  state: JobListState;
  attemptsMade: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** From start to finish of its last attempt, in milliseconds. */
  durationMs?: number;
  failedReason?: string;
}

export interface RecentJobsFilter {
  /** Only these states; every state when empty or absent. */
  states?: readonly JobListState[];
  /** Only this queue. */
  queue?: string;
  limit: number;
}

/** Recent jobs of every queue the process knows, for IT's view of background work. */
export interface RecentJobs {
  /** The names of the queues it reads. */
  queueNames(): readonly string[];
  /** Newest created first, at most `filter.limit`. Throws UseCaseError `unavailable` while the queue is down. */
  list(filter: RecentJobsFilter): Promise<RecentJob[]>;
}
