import type { RecordReader, SearchDocumentSource, SearchIndex } from '@verbatim/core';

const REBUILD_BATCH = 1000;

export interface RebuildOptions {
  signal?: AbortSignal;
  /** Called after each batch with the number of documents indexed so far. */
  onProgress?: (indexed: number) => void;
}

/**
 * Indexes every record in the catalog, in creation order, one batch in flight while the next is read. The
 * index is derived (DESIGN invariant 3): this is how a deleted or lost index file comes back. Records
 * changed meanwhile are queued in the backlog as usual, so re-indexing one twice is harmless.
 */
export async function rebuildSearchIndex(
  deps: { catalog: RecordReader & SearchDocumentSource; searchIndex: SearchIndex },
  options: RebuildOptions = {},
): Promise<number> {
  let afterId: string | null = null;
  let indexed = 0;
  let inFlight: Promise<void> = Promise.resolve();
  for (;;) {
    if (options.signal?.aborted) break;
    const documents = await deps.catalog.listSearchDocuments(afterId, REBUILD_BATCH);
    await inFlight;
    if (documents.length === 0) break;
    inFlight = deps.searchIndex.upsert(documents);
    inFlight.catch(() => undefined); // surfaces when awaited on the next turn
    afterId = documents[documents.length - 1].id;
    indexed += documents.length;
    options.onProgress?.(indexed);
  }
  await inFlight;
  return indexed;
}

/**
 * True when the index holds fewer documents than the catalog has records: a new or lost index file, or a
 * rebuild that was interrupted. (Documents only ever join the index, so fewer means some are missing.)
 */
export async function searchIndexNeedsRebuild(deps: {
  catalog: RecordReader;
  searchIndex: SearchIndex;
}): Promise<boolean> {
  return (await deps.searchIndex.count()) < (await deps.catalog.countRecords());
}
