import type { Queue } from 'bullmq';
import { enqueueReindex, latestReindex, ReindexAlreadyRunningError, type JobStatus } from '@verbatim/queue';
import { ApiError } from '../api-error';
import { whileQueueAnswers } from '../bullmq-job-control';

/** The API's view of the search-index queue: start a reindex, see the latest one. */
export interface ReindexControl {
  start(requestedBy: string): Promise<string>;
  latest(): Promise<JobStatus | null>;
}

export function bullmqReindexControl(queue: Queue): ReindexControl {
  return {
    start: (requestedBy) => whileQueueAnswers(async () => {
      try {
        return await enqueueReindex(queue, requestedBy);
      } catch (error) {
        if (error instanceof ReindexAlreadyRunningError) throw new ApiError(409, 'reindex_running', error.message, [{ path: 'jobId', message: error.jobId }]);
        throw error;
      }
    }),
    latest: () => whileQueueAnswers(() => latestReindex(queue)),
  };
}
