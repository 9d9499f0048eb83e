import type { Catalog, SearchIndex } from '@verbatim/core';
import { syncAccount } from './sync-account';
import { openSyncStack, type SyncStack } from './sync-stack.test-fixture';

// Six pages of 20 items on the first pass.
const CONNECTOR = { type: 'mock' as const, seed: 5, posts: 12, maxCommentsPerPost: 12, pageSize: 20 };

/** Runs `test` on a fresh stack and closes it afterwards. */
async function withStack(test: (stack: SyncStack) => Promise<void>): Promise<void> {
  const stack = await openSyncStack(CONNECTOR);
  try {
    await test(stack);
  } finally {
    await stack.close();
  }
}

/** `target` with some of its methods replaced; the others are its own. */
function overriding<T extends object>(target: T, overrides: Partial<T>): T {
  return Object.assign(Object.create(target) as T, overrides);
}

describe('a sync pass indexing while it applies', () => {
  it('indexes the next page without waiting for the previous page to leave the backlog', () =>
    withStack(async ({ deps, catalog, searchIndex, accountId }) => {
      let upserts = 0;
      let releaseFirstClear!: () => void;
      const firstClearReleased = new Promise<void>((resolve) => {
        releaseFirstClear = resolve;
      });
      let clears = 0;
      let upsertsWhileFirstClearHeld = 0;
      const countingIndex = overriding<SearchIndex>(searchIndex, {
        upsert: async (documents) => {
          upserts += 1;
          await searchIndex.upsert(documents);
          if (upserts === 3) releaseFirstClear();
        },
      });
      const slowFirstClear = overriding<Catalog>(catalog, {
        clearIndexBacklog: async (indexed) => {
          clears += 1;
          if (clears === 1) {
            // Held until two more pages were indexed, or released by a timer that makes the test fail.
            const timer = setTimeout(releaseFirstClear, 5000);
            await firstClearReleased;
            clearTimeout(timer);
            upsertsWhileFirstClearHeld = upserts - 1;
          }
          await catalog.clearIndexBacklog(indexed);
        },
      });
      const result = await syncAccount({ ...deps, catalog: slowFirstClear, searchIndex: countingIndex }, accountId);
      expect(result.pages).toBeGreaterThanOrEqual(4);
      expect(upsertsWhileFirstClearHeld).toBeGreaterThanOrEqual(2);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    }));

  it('fails the sync when a backlog clear fails, and the batch is indexed again by the next run', () =>
    withStack(async ({ deps, catalog, searchIndex, accountId }) => {
      let clears = 0;
      const failingSecondClear = overriding<Catalog>(catalog, {
        clearIndexBacklog: async (indexed) => {
          clears += 1;
          if (clears === 2) throw new Error('catalog unavailable');
          await catalog.clearIndexBacklog(indexed);
        },
      });
      await expect(syncAccount({ ...deps, catalog: failingSecondClear }, accountId)).rejects.toThrow(
        'catalog unavailable',
      );
      expect((await catalog.listIndexBacklog(1000)).length).toBeGreaterThan(0);
      // The next run indexes what is still queued (the failed batch among it), then finishes the pass.
      const resumed = await syncAccount(deps, accountId);
      expect(resumed.resumed).toBe(true);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    }));

  it('has every batch out of the backlog when it resolves, even with clears still queued as the last page is indexed', () =>
    withStack(async ({ deps, catalog, accountId }) => {
      const slowClears = overriding<Catalog>(catalog, {
        clearIndexBacklog: async (indexed) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          await catalog.clearIndexBacklog(indexed);
        },
      });
      await syncAccount({ ...deps, catalog: slowClears }, accountId);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
    }));

  it('applies no page after one that failed, and the next run resumes from the last page applied', () =>
    withStack(async ({ deps, catalog, searchIndex, accountId }) => {
      let applied = 0;
      const failingThirdPage = overriding<Catalog>(catalog, {
        applyPage: async (input) => {
          applied += 1;
          if (applied === 3) throw new Error('disk full');
          return catalog.applyPage(input);
        },
      });
      await expect(syncAccount({ ...deps, catalog: failingThirdPage }, accountId)).rejects.toThrow('disk full');
      expect(applied).toBe(3);
      expect(await catalog.countRecords()).toBe(2 * CONNECTOR.pageSize);
      const resumed = await syncAccount(deps, accountId);
      expect(resumed.resumed).toBe(true);
      await withStack(async (clean) => {
        await syncAccount(clean.deps, clean.accountId);
        expect(await catalog.countRecords()).toBe(await clean.catalog.countRecords());
      });
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    }));
});
