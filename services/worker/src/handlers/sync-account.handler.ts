import { DelayedError, Job, UnrecoverableError, WaitingError } from 'bullmq';
import { RateLimitedError, ConnectorConfigError, type SyncRun } from '@verbatim/core';
import {
  AccountNotFoundError,
  SyncDependencies,
  SyncInterruptedError,
  SyncProgress,
  SyncResult,
  syncAccount,
} from '@verbatim/ingest';
import { SyncAccountJob } from '@verbatim/queue';
import { throttledProgress } from './throttled-progress';

export interface SyncHandlerContext {
  deps: SyncDependencies;
  signal: AbortSignal;
  now?: () => Date;
  /** Told of every run as written to the history (what it captured, however it ended): the metrics count it. */
  onRunEnded?: (run: SyncRun) => void;
}

/**
 * Runs a sync pass for the job's account. A rate limit parks the job until the platform's wait is over and
 * a shutdown returns it to the queue; neither counts as a failed attempt, and both resume from the cursor.
 * Every run is written to the account's run history with what it captured, however it ended.
 */
export async function handleSyncAccount(context: SyncHandlerContext, job: Job, token?: string): Promise<SyncResult> {
  const { accountId } = SyncAccountJob.payloadSchema.parse(job.data);
  const run = await beginRun(context, accountId);
  const progress = throttledProgress<SyncProgress>((report) => job.updateProgress({ ...report }));
  try {
    const result = await syncAccount(context.deps, accountId, {
      signal: context.signal,
      onProgress: (report) => {
        run.progress = report;
        return progress.report(report);
      },
    });
    await endRun(context, run, 'completed', null, result);
    return result;
  } catch (error) {
    // Where the job got to, for the pages that follow it until it resumes or is looked into.
    await progress.flush().catch(() => undefined);
    if (error instanceof RateLimitedError) {
      await endRun(context, run, 'paused', `${error.message}; it resumes where it stopped`);
      await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
      throw new DelayedError();
    }
    if (error instanceof SyncInterruptedError) {
      await endRun(context, run, 'paused', 'stopped by a shutdown; it resumes where it stopped');
      await job.moveToWait(token);
      throw new WaitingError();
    }
    await recordFailure(context, accountId, error as Error);
    await endRun(context, run, 'failed', (error as Error).message);
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

interface OpenRun {
  accountId: string;
  startedAt: string;
  /** A pass left running or failed before this run: the run picks it up from its cursor. */
  resumes: boolean;
  passNumber: number;
  progress: SyncProgress | null;
}

async function beginRun(context: SyncHandlerContext, accountId: string): Promise<OpenRun> {
  const state = await context.deps.catalog.getSyncState(accountId).catch(() => null);
  const startedAt = (context.now ?? (() => new Date()))().toISOString();
  const resumes = state?.status === 'running' || state?.status === 'failed';
  return { accountId, startedAt, resumes, passNumber: state?.passNumber ?? 0, progress: null };
}

/** Best effort: the history is for people watching, and must not turn a finished sync into a failed job. */
async function endRun(
  context: SyncHandlerContext,
  run: OpenRun,
  outcome: SyncRun['outcome'],
  error: string | null,
  final?: SyncProgress & { resumed: boolean },
): Promise<void> {
  const progress = final ?? run.progress;
  const entry: SyncRun = {
    accountId: run.accountId,
    passNumber: progress?.passNumber ?? run.passNumber,
    startedAt: run.startedAt,
    endedAt: (context.now ?? (() => new Date()))().toISOString(),
    outcome,
    error,
    resumed: final?.resumed ?? run.resumes,
    pages: progress?.pages ?? 0,
    items: progress?.items ?? 0,
    created: progress?.created ?? 0,
    newVersions: progress?.newVersions ?? 0,
    tombstoned: progress?.tombstoned ?? 0,
    mediaArchived: progress?.mediaArchived ?? 0,
    quarantined: progress?.quarantined ?? 0,
    notices: progress?.notices ?? [],
  };
  await context.deps.catalog.recordSyncRun(entry).catch(() => undefined);
  context.onRunEnded?.(entry);
}
