import type { RecordReader, SearchDocumentSource, SearchGenerations } from '@verbatim/core';

const BATCH = 1000;

export interface ReindexProgress {
  copied: number;
  total: number;
  resumed: boolean;
}

export interface ReindexOptions {
  signal?: AbortSignal;
  /** Documents copied per step (and per saved progress); 1000 by default. */
  batchSize?: number;
  onProgress?: (progress: ReindexProgress) => void | Promise<void>;
}

export class ReindexInterruptedError extends Error {
  override readonly name = 'ReindexInterruptedError';
}

/**
 * Rebuilds the search index from the catalog without downtime: a new generation is filled in record-id order
 * while the live one answers searches (documents indexed meanwhile go to both), then promoted in one step.
 * Progress is saved after every batch, so a run cut short (crash, shutdown) resumes where it stopped.
 */
export async function reindex(
  deps: { catalog: RecordReader & SearchDocumentSource; generations: SearchGenerations },
  options: ReindexOptions = {},
): Promise<ReindexProgress> {
  const { catalog, generations } = deps;
  const next = await generations.openNext();
  const total = await catalog.countRecords();
  const progress: ReindexProgress = { copied: 0, total, resumed: next.copiedThrough !== null };
  let after = next.copiedThrough;
  for (;;) {
    if (options.signal?.aborted)
      throw new ReindexInterruptedError('reindex stopped; run it again to resume where it stopped');
    const documents = await catalog.listSearchDocuments(after, options.batchSize ?? BATCH);
    if (documents.length === 0) break;
    await next.index.upsert(documents);
    after = documents[documents.length - 1].id;
    await generations.saveProgress(after);
    progress.copied += documents.length;
    await options.onProgress?.({ ...progress });
  }
  await generations.promote();
  return progress;
}
