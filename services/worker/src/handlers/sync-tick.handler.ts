import type { Job, Queue } from 'bullmq';
import type { Catalog } from '@verbatim/core';
import { SyncTickJob, enqueueSync } from '@verbatim/queue';

/** A scheduler tick: queue the account's sync (a no-op when its pass is already queued or running). */
export async function handleSyncTick(
  context: { queue: Queue; catalog: Catalog },
  job: Job,
): Promise<{ jobId: string } | { skipped: string }> {
  const { accountId } = SyncTickJob.payloadSchema.parse(job.data);
  const account = await context.catalog.getAccount(accountId);
  if (!account) return { skipped: `account ${accountId} no longer exists` };
  return { jobId: await enqueueSync(context.queue, context.catalog, accountId) };
}
