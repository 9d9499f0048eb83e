import type { Account, Catalog, ObjectStore, SearchIndex } from '@verbatim/core';
import type { JobStatus } from '@verbatim/queue';

/** What the queue offers the API: enqueue, look up, schedule. Throws QueueUnavailableError when Redis is down. */
export interface JobControl {
  enqueueSync(accountId: string): Promise<string>;
  getStatus(jobId: string): Promise<JobStatus | null>;
  schedule(account: Account): Promise<void>;
  ping(): Promise<void>;
}

export interface ApiContext {
  catalog: Catalog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  jobs: JobControl;
  version: string;
}
