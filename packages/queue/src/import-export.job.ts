import type { Queue } from 'bullmq';
import { z } from 'zod';

/** Imports an uploaded platform export (already archived) into its account's records. */
export const ImportExportJob = {
  name: 'import-export',
  payloadSchema: z.object({ importId: z.string().min(1) }),
  /** One job per import; an import id holds no `:` and is not all digits, as BullMQ requires. */
  jobId(importId: string): string {
    return `import-${importId}`;
  },
} as const;
export type ImportExportPayload = z.infer<typeof ImportExportJob.payloadSchema>;

/** Queues the import on the sync queue (a failed attempt is retried with the sync jobs' backoff). */
export async function enqueueImport(queue: Queue, importId: string): Promise<string> {
  const jobId = ImportExportJob.jobId(importId);
  await queue.add(ImportExportJob.name, { importId }, { jobId });
  return jobId;
}
