import type { LegalHold, SearchIndex, SearchQuery } from '@verbatim/core';
import type { FoiaStore } from '@verbatim/foia';

const PAGE = 1000;

/**
 * The records every active saved-search hold covers: whatever its search, as frozen when it was saved, matches
 * now. A hold on a search is a hold on a question ("everything about the beach closure"), so records captured
 * after it was placed are held too.
 */
export async function recordsHeldBySavedSearches(
  deps: { foiaStore: FoiaStore; searchIndex: SearchIndex },
  holds: LegalHold[],
): Promise<Set<string>> {
  const held = new Set<string>();
  for (const hold of holds) {
    if (hold.scope !== 'saved-search' || hold.releasedAt !== null || hold.requestId === null) continue;
    const searches = await deps.foiaStore.listSavedSearches(hold.requestId);
    const saved = searches.find((search) => search.id === hold.savedSearchId);
    if (!saved) continue;
    const query = saved.query as Omit<SearchQuery, 'limit' | 'cursor'>;
    let cursor: string | undefined;
    do {
      const page = await deps.searchIndex.search({ ...query, limit: PAGE, cursor });
      for (const hit of page.hits) held.add(hit.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return held;
}
