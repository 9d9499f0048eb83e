import { z } from 'zod';
import { CarryOutDispositionJob } from './disposition.job';
import { ImportExportJob } from './import-export.job';
import { VerifyArchiveJob } from './verify-archive.job';

/** Runs (or resumes) one pass of an account's connector. */
export const SyncAccountJob = {
  name: 'sync-account',
  payloadSchema: z.object({ accountId: z.string().min(1) }),
  /**
   * One job per account and pass: asking to sync an account whose pass is already queued or running returns
   * that job instead of starting a second one. (BullMQ ids must not contain `:` nor be all digits.)
   */
  jobId(accountId: string, passNumber: number): string {
    return `sync-${accountId}-pass-${passNumber}`;
  },
} as const;
export type SyncAccountPayload = z.infer<typeof SyncAccountJob.payloadSchema>;

/** Fired by an account's job scheduler at its interval; it enqueues a SyncAccountJob through the same door as "sync now". */
export const SyncTickJob = {
  name: 'sync-tick',
  payloadSchema: z.object({ accountId: z.string().min(1) }),
  schedulerId(accountId: string): string {
    return `schedule-${accountId}`;
  },
} as const;

/** Every job name the sync queue carries; a worker refuses to start without a handler for each. */
export const SYNC_QUEUE_JOB_NAMES = [
  SyncAccountJob.name,
  SyncTickJob.name,
  ImportExportJob.name,
  CarryOutDispositionJob.name,
  VerifyArchiveJob.name,
] as const;
export type SyncQueueJobName = (typeof SYNC_QUEUE_JOB_NAMES)[number];

export const SYNC_QUEUE_NAME = 'sync';
