import { DelayedError, Job, UnrecoverableError, WaitingError } from 'bullmq';
import { RateLimitedError, ConnectorConfigError } from '@verbatim/core';
import {
  AccountNotFoundError,
  SyncDependencies,
  SyncInterruptedError,
  SyncResult,
  syncAccount,
} from '@verbatim/ingest';
import { SyncAccountJob } from '@verbatim/queue';

export interface SyncHandlerContext {
  deps: SyncDependencies;
  signal: AbortSignal;
  now?: () => Date;
}

/**
 * Runs a sync pass for the job's account. A rate limit parks the job until the platform's wait is over and
 * a shutdown returns it to the queue; neither counts as a failed attempt, and both resume from the cursor.
 */
export async function handleSyncAccount(context: SyncHandlerContext, job: Job, token?: string): Promise<SyncResult> {
  const { accountId } = SyncAccountJob.payloadSchema.parse(job.data);
  try {
    return await syncAccount(context.deps, accountId, {
      signal: context.signal,
      onProgress: (progress) => job.updateProgress({ ...progress }),
    });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
      throw new DelayedError();
    }
    if (error instanceof SyncInterruptedError) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    await recordFailure(context, accountId, error as Error);
    if (error instanceof AccountNotFoundError || error instanceof ConnectorConfigError) {
      throw new UnrecoverableError((error as Error).message);
    }
    throw error;
  }
}

async function recordFailure(context: SyncHandlerContext, accountId: string, error: Error): Promise<void> {
  const state = await context.deps.catalog.getSyncState(accountId).catch(() => null);
  if (!state || state.passNumber === 0 || state.status === 'completed') return;
  const at = (context.now ?? (() => new Date()))().toISOString();
  await context.deps.catalog.failPass(accountId, state.passNumber, error.message, at);
}
