import type { SearchDocument, SearchIndex } from '@verbatim/core';
import { flushIndexBacklog, indexDocuments } from './index-backlog';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

const CONNECTOR = { type: 'mock' as const, seed: 11, posts: 4, maxCommentsPerPost: 2, pageSize: 50 };

/** A synced account on a real SQLite catalog and search index, its backlog empty. */
async function openStack(): Promise<SyncStack> {
  const stack = await openSyncStack(CONNECTOR);
  await syncAccount(stack.deps, stack.accountId);
  return stack;
}

/** The search index, with `beforeFirstUpsert` run once just before the first upsert reaches it. */
function interleaved(index: SearchIndex, beforeFirstUpsert: () => Promise<void>): SearchIndex {
  let pending: (() => Promise<void>) | null = beforeFirstUpsert;
  return Object.assign(Object.create(index) as SearchIndex, {
    upsert: async (documents: SearchDocument[]) => {
      const run = pending;
      pending = null;
      await run?.();
      await index.upsert(documents);
    },
  });
}

describe('the index backlog under concurrent writers', () => {
  it('keeps a record queued when it changes between reading its document and confirming it indexed', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, accountId } = stack;
      const records = await catalog.listSearchDocuments(null, 1000);
      const parks = await catalog.createAgency({ name: 'Parks', kind: 'commission' });
      // Another process moves the account while this one indexes documents it read before the move.
      const racing = interleaved(searchIndex, () =>
        catalog.updateAccount(accountId, { agencyId: parks.id }).then(() => undefined),
      );
      await indexDocuments({ catalog, searchIndex: racing }, records);
      expect(await catalog.listIndexBacklog(1000)).toHaveLength(records.length);
      expect(await flushIndexBacklog({ catalog, searchIndex })).toBe(records.length);
      expect((await searchIndex.search({ filters: { agencyId: [parks.id] }, limit: 1000 })).total).toBe(records.length);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('never lets a document read before a change overwrite the newer state another writer indexed first', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, accountId } = stack;
      const [first] = await catalog.listSearchDocuments(null, 1);
      const parks = await catalog.createAgency({ name: 'Parks', kind: 'commission' });
      await catalog.updateAccount(accountId, { agencyId: parks.id });
      // This process's flush reads the move's documents; before its upsert lands, another process tombstones
      // the first record and indexes that newer state.
      const racing = interleaved(searchIndex, async () => {
        await indexDocuments(
          { catalog, searchIndex },
          await catalog.markGone(accountId, [first.id], new Date().toISOString()),
        );
      });
      await flushIndexBacklog({ catalog, searchIndex: racing });
      const deleted = await searchIndex.search({ filters: { status: ['deleted'] }, limit: 1000 });
      expect(deleted.hits.map((hit) => hit.id)).toEqual([first.id]);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
