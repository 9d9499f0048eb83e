import { Job, UnrecoverableError, WaitingError } from 'bullmq';
import { emptyImportReport, type ImportReport } from '@verbatim/core';
import { importExport, ImportNotFoundError, UnrecognizedExportError, type ImportDependencies } from '@verbatim/ingest';
import { ImportExportJob } from '@verbatim/queue';

export interface ImportHandlerContext {
  deps: ImportDependencies;
  signal: AbortSignal;
}

/**
 * Runs an import with its report as the job's progress, and ends the import with its report. Importing is
 * idempotent, so a retried or interrupted job simply runs again from the start: what is already archived is
 * seen as unchanged. An export no reader recognizes fails at once (retrying reads the same bytes).
 */
export async function handleImportExport(
  context: ImportHandlerContext,
  job: Job,
  token?: string,
): Promise<ImportReport> {
  const { importId } = ImportExportJob.payloadSchema.parse(job.data);
  const { exportImports } = context.deps;
  let latest: ImportReport = emptyImportReport();
  try {
    latest = await importExport(context.deps, importId, {
      signal: context.signal,
      onProgress: async (report) => {
        latest = report;
        await job.updateProgress({ ...report });
      },
    });
  } catch (error) {
    if (context.signal.aborted) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const message = (error as Error).message;
    const hopeless = error instanceof UnrecognizedExportError || error instanceof ImportNotFoundError;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!(error instanceof ImportNotFoundError) && (hopeless || lastAttempt))
      await exportImports.finishImport(importId, { status: 'failed', report: latest, error: message, at: now() });
    if (hopeless) throw new UnrecoverableError(message);
    throw error;
  }
  await exportImports.finishImport(importId, { status: 'completed', report: latest, error: null, at: now() });
  return latest;
}

function now(): string {
  return new Date().toISOString();
}
