import { Job, WaitingError } from 'bullmq';
import type { Catalog, SearchGenerations } from '@verbatim/core';
import { reindex, ReindexInterruptedError, type ReindexProgress } from '@verbatim/ingest';
import { ReindexJob } from '@verbatim/queue';

export interface ReindexHandlerContext {
  catalog: Catalog;
  generations?: SearchGenerations;
  signal: AbortSignal;
}

/** Runs a reindex with its progress on the job; a shutdown hands the job back, to be resumed where it stopped. */
export async function handleReindex(
  context: ReindexHandlerContext,
  job: Job,
  token?: string,
): Promise<ReindexProgress> {
  ReindexJob.payloadSchema.parse(job.data);
  if (!context.generations) throw new Error('this search backend cannot be rebuilt beside the live index yet');
  try {
    return await reindex(
      { catalog: context.catalog, generations: context.generations },
      {
        signal: context.signal,
        onProgress: (progress) => job.updateProgress({ ...progress }),
      },
    );
  } catch (error) {
    if (error instanceof ReindexInterruptedError) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    throw error;
  }
}
