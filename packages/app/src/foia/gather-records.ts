import {
  loadThread,
  UseCaseError,
  type ArchiveRecord,
  type RecordReader,
  type SearchIndex,
  type SearchQuery,
} from '@verbatim/core';
import type { ItemSource } from '@verbatim/foia';

/** A saved search attaches at most this many records; past it the officer is asked to narrow it. */
export const MAX_SNAPSHOT = 10_000;
const PAGE = 1000;

/** Every record the search matches now, in its order: the snapshot a saved search attaches. */
export async function snapshotSearch(
  searchIndex: SearchIndex,
  query: Omit<SearchQuery, 'limit' | 'cursor'>,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await searchIndex.search({ ...query, limit: PAGE, cursor });
    if (page.total > MAX_SNAPSHOT) {
      throw new UseCaseError(
        'invalid',
        'too_many_matches',
        `the search matches ${page.total} records; a request can attach at most ${MAX_SNAPSHOT} at once: narrow it with filters or dates`,
      );
    }
    ids.push(...page.hits.map((hit) => hit.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
}

/**
 * The records to add for these: each one, then the posts and comments it answers (its thread context), so
 * a produced reply is never shown without what it replied to.
 */
export async function withThreadContext(
  catalog: RecordReader,
  records: ArchiveRecord[],
  source: ItemSource,
): Promise<Array<{ recordId: string; source: ItemSource }>> {
  const items = new Map<string, ItemSource>();
  for (const record of records) items.set(record.id, source);
  for (const record of records) {
    if (!record.parentPlatformId) continue;
    const { ancestors } = await loadThread(catalog, record);
    for (const ancestor of ancestors) if (!items.has(ancestor.id)) items.set(ancestor.id, 'thread-context');
  }
  return [...items].map(([recordId, itemSource]) => ({ recordId, source: itemSource }));
}
