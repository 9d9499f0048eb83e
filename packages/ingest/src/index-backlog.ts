import type { IndexBacklog, SearchDocument, SearchIndex } from '@verbatim/core';

const BACKLOG_BATCH = 1000;

/**
 * Indexes documents and then clears them from the catalog's backlog. The catalog queued them in the same
 * transaction that changed them, so a crash between the two steps leaves them queued, never lost.
 */
export async function indexDocuments(
  deps: { catalog: IndexBacklog; searchIndex: SearchIndex },
  documents: SearchDocument[],
): Promise<void> {
  if (documents.length === 0) return;
  await deps.searchIndex.upsert(documents);
  await clearIndexed(deps.catalog, documents);
}

/** Takes indexed documents out of the catalog's backlog, each only while its record is still at that revision. */
export async function clearIndexed(catalog: IndexBacklog, documents: SearchDocument[]): Promise<void> {
  await catalog.clearIndexBacklog(documents.map(({ id, revision }) => ({ id, revision })));
}

/** Indexes whatever an earlier, interrupted run left in the backlog. Returns how many documents it indexed. */
export async function flushIndexBacklog(deps: { catalog: IndexBacklog; searchIndex: SearchIndex }): Promise<number> {
  let indexed = 0;
  for (;;) {
    const documents = await deps.catalog.listIndexBacklog(BACKLOG_BATCH);
    if (documents.length === 0) return indexed;
    await indexDocuments(deps, documents);
    indexed += documents.length;
  }
}
