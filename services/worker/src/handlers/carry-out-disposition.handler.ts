import { Job, UnrecoverableError } from 'bullmq';
import type { DispositionProgress, DispositionRunResult } from '@verbatim/core';
import { CarryOutDispositionJob } from '@verbatim/queue';

/** What carries a disposition out (DispositionRun of @verbatim/app, wired by the process). */
export interface DispositionRunner {
  carryOut(
    dispositionId: string,
    report: (progress: DispositionProgress) => Promise<void>,
  ): Promise<DispositionRunResult>;
}

/**
 * Carries out an approved disposition with its progress as the job's. A retried or taken-over job simply runs
 * again: records already disposed are no longer due and their objects are worked out again from the tombstones.
 * An unknown disposition fails at once (retrying cannot find it).
 */
export async function handleCarryOutDisposition(runner: DispositionRunner, job: Job): Promise<DispositionRunResult> {
  const { dispositionId } = CarryOutDispositionJob.payloadSchema.parse(job.data);
  try {
    return await runner.carryOut(dispositionId, (progress) => job.updateProgress({ ...progress }));
  } catch (error) {
    if ((error as Error).name === 'DispositionNotFoundError') throw new UnrecoverableError((error as Error).message);
    throw error;
  }
}
