import type { Account } from '../account.schema';

/** A background job as people see it (`GET /api/v1/jobs/:jobId`, the account page's progress). */
export interface JobStatus {
  id: string;
  name: string;
  state: 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';
  progress: unknown;
  attemptsMade: number;
  createdAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: string;
}

/** The sync queue as use cases need it. Every method throws UseCaseError `unavailable` while the queue is down. */
export interface JobControl {
  /** Queues a sync pass of the account now; returns the job id (the same id while one is already queued). */
  enqueueSync(accountId: string): Promise<string>;
  /** The job's state, looked up in every queue the process knows; null once the queue no longer has it. */
  getStatus(jobId: string): Promise<JobStatus | null>;
  /** Puts the account on (or takes it off) its repeating sync schedule, as its status and interval say. */
  schedule(account: Account): Promise<void>;
  /** Resolves when the queue's Redis answers; for health checks. */
  ping(): Promise<void>;
}

/** The search-index queue: rebuilding the index beside the live one. */
export interface ReindexControl {
  /** Queues a rebuild and returns its job id; UseCaseError `conflict` (`reindex_running`) while one runs. */
  start(requestedBy: string): Promise<string>;
  /** The newest rebuild's state, or null when none was ever queued. */
  latest(): Promise<JobStatus | null>;
}

/** The queue of imports of platform exports (they run on the sync queue, beside the syncs). */
export interface ImportControl {
  /** Queues the import's job and returns its id (`GET /api/v1/jobs/:jobId` reports it); the same id if queued. */
  enqueue(importId: string): Promise<string>;
}

/** The queue that verifies the archive in the background (on the sync queue, beside the syncs). */
export interface VerificationControl {
  /** Queues a verification (of one account, of captures since an instant, or of everything); returns its job id. */
  enqueue(request: { accountId?: string; since?: string; requestedBy: string }): Promise<string>;
}

/** The queue that carries out dispositions the attorney approved (they run on the sync queue, beside the syncs). */
export interface DispositionControl {
  /**
   * Queues the disposition's job and returns its id (`GET /api/v1/jobs/:jobId` reports it); the same id while it
   * is queued, and a failed job is retried rather than added again.
   */
  enqueue(dispositionId: string): Promise<string>;
}
