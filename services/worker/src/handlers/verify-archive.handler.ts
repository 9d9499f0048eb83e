import type { Job } from 'bullmq';
import { VerifyArchiveJob } from '@verbatim/queue';

/** What verifies the archive (ArchiveVerifier of @verbatim/app, wired by the process); its report is the result. */
export interface ArchiveVerifying {
  verify(
    options: { accountId?: string; since?: string },
    onProgress: (checked: number, total: number) => void,
  ): Promise<unknown>;
}

/** Progress is reported at most this often (each update is a Redis write). */
const PROGRESS_EVERY_MS = 1000;

/** Verifies the archive with the job's progress (`{ checked, total }`); the report is the job's result. */
export async function handleVerifyArchive(verifier: ArchiveVerifying, job: Job): Promise<unknown> {
  const { accountId, since } = VerifyArchiveJob.payloadSchema.parse(job.data);
  let reportedAt = 0;
  return verifier.verify({ accountId, since }, (checked, total) => {
    if (Date.now() - reportedAt < PROGRESS_EVERY_MS && checked !== total) return;
    reportedAt = Date.now();
    void job.updateProgress({ checked, total });
  });
}
