import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { z } from 'zod';

/**
 * Verifies the archive (or one account) as `verbatim verify` does, for an IT administrator or an auditor through
 * the API: the report is the job's result. Read-only, so a retried job simply checks again.
 */
export const VerifyArchiveJob = {
  name: 'verify-archive',
  payloadSchema: z.object({
    accountId: z.string().min(1).optional(),
    since: z.string().min(1).optional(),
    requestedBy: z.string().min(1),
  }),
  /** Each request is a verification of its own: `verification-` and random hex (no `:`, never all digits). */
  jobId(): string {
    return `verification-${randomBytes(8).toString('hex')}`;
  },
} as const;
export type VerifyArchivePayload = z.infer<typeof VerifyArchiveJob.payloadSchema>;

/** Queues a verification on the sync queue; returns its job id. */
export async function enqueueVerification(queue: Queue, payload: VerifyArchivePayload): Promise<string> {
  const jobId = VerifyArchiveJob.jobId();
  await queue.add(VerifyArchiveJob.name, payload, { jobId, attempts: 1 });
  return jobId;
}
