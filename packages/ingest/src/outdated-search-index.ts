import { UseCaseError, type ReindexControl, type SearchIndex } from '@verbatim/core';

/**
 * Queues a reindex when the live index was written by an older version than this one (e.g. before policy
 * flags were indexed): the upgrade of a search index, run by a process with the index role at start. The index
 * goes on answering meanwhile (a new generation is built beside it). Returns why it queued one, or null. A
 * reindex already running (another process queued it) is left to finish.
 */
export async function reindexOutdatedSearchIndex(deps: {
  searchIndex: SearchIndex;
  reindexControl: ReindexControl;
}): Promise<string | null> {
  const reason = (await deps.searchIndex.outdated?.()) ?? null;
  if (reason === null) return null;
  try {
    await deps.reindexControl.start('system:search-index-upgrade');
  } catch (error) {
    if (!(error instanceof UseCaseError && error.kind === 'conflict')) throw error;
  }
  return reason;
}
