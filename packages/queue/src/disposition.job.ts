import type { Queue } from 'bullmq';
import { z } from 'zod';

/**
 * Carries out a disposition the attorney approved: records to tombstones, out of search, their objects out of
 * storage. Every step is safe to redo, so a crashed or retried job simply runs again and finishes the rest.
 */
export const CarryOutDispositionJob = {
  name: 'carry-out-disposition',
  payloadSchema: z.object({ dispositionId: z.string().min(1) }),
  /** One job per disposition; a disposition id (`dsp_…`) holds no `:` and is not all digits, as BullMQ requires. */
  jobId(dispositionId: string): string {
    return `disposition-${dispositionId}`;
  },
} as const;
export type CarryOutDispositionPayload = z.infer<typeof CarryOutDispositionJob.payloadSchema>;

/** Queues the disposition on the sync queue, or retries its job if it failed; returns the job id. */
export async function enqueueDisposition(queue: Queue, dispositionId: string): Promise<string> {
  const jobId = CarryOutDispositionJob.jobId(dispositionId);
  const existing = await queue.getJob(jobId);
  if (existing) {
    if ((await existing.getState()) === 'failed') await existing.retry();
    return jobId;
  }
  await queue.add(CarryOutDispositionJob.name, { dispositionId }, { jobId });
  return jobId;
}
