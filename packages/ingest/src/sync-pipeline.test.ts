import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import type { ApplyPageInput, Catalog, IndexedRevision, ObjectStore, SearchDocument, SearchIndex } from '@verbatim/core';
import { openSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { syncAccount } from './sync-account';

// Six pages of 20 items on the first pass.
const CONNECTOR = { type: 'mock' as const, seed: 5, posts: 12, maxCommentsPerPost: 12, pageSize: 20 };

interface Stack {
  catalog: Catalog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  accountId: string;
  close(): Promise<void>;
}

async function openStack(): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-pipeline-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const searchIndex = openSqliteSearchIndex(db);
  const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
  const agency = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id, platform: 'facebook', handle: 'clerk', status: 'active', connector: CONNECTOR,
    syncIntervalMinutes: 60, administrators: [], moderators: [],
  });
  return {
    catalog, searchIndex, objectStore, accountId: account.id,
    close: async () => { await searchIndex.close(); await catalog.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** `target` with `clearIndexBacklog` replaced. */
function withClear(target: Catalog, clearIndexBacklog: (indexed: IndexedRevision[]) => Promise<void>): Catalog {
  return Object.assign(Object.create(target) as Catalog, { clearIndexBacklog });
}

describe('a sync pass indexing while it applies', () => {
  it('indexes the next page without waiting for the previous page to leave the backlog', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, objectStore, accountId } = stack;
      let upserts = 0;
      let releaseFirstClear!: () => void;
      const firstClearReleased = new Promise<void>((resolve) => { releaseFirstClear = resolve; });
      let clears = 0;
      let upsertsWhileFirstClearHeld = 0;
      const countingIndex = Object.assign(Object.create(searchIndex) as SearchIndex, {
        upsert: async (documents: SearchDocument[]) => {
          upserts += 1;
          await searchIndex.upsert(documents);
          if (upserts === 3) releaseFirstClear();
        },
      });
      const slowFirstClear = withClear(catalog, async (indexed) => {
        clears += 1;
        if (clears === 1) {
          // Held until two more pages were indexed, or released by a timer that makes the test fail.
          const timer = setTimeout(releaseFirstClear, 5000);
          await firstClearReleased;
          clearTimeout(timer);
          upsertsWhileFirstClearHeld = upserts - 1;
        }
        await catalog.clearIndexBacklog(indexed);
      });
      const result = await syncAccount({ catalog: slowFirstClear, searchIndex: countingIndex, objectStore, createConnector }, accountId);
      expect(result.pages).toBeGreaterThanOrEqual(4);
      expect(upsertsWhileFirstClearHeld).toBeGreaterThanOrEqual(2);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    } finally {
      await stack.close();
    }
  });

  it('fails the sync when a backlog clear fails, and the batch is indexed again by the next run', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, objectStore, accountId } = stack;
      let clears = 0;
      const failingSecondClear = withClear(catalog, async (indexed) => {
        clears += 1;
        if (clears === 2) throw new Error('catalog unavailable');
        await catalog.clearIndexBacklog(indexed);
      });
      await expect(syncAccount({ catalog: failingSecondClear, searchIndex, objectStore, createConnector }, accountId))
        .rejects.toThrow('catalog unavailable');
      expect((await catalog.listIndexBacklog(1000)).length).toBeGreaterThan(0);
      // The next run indexes what is still queued (the failed batch among it), then finishes the pass.
      const resumed = await syncAccount({ catalog, searchIndex, objectStore, createConnector }, accountId);
      expect(resumed.resumed).toBe(true);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    } finally {
      await stack.close();
    }
  });
  it('has every batch out of the backlog when it resolves, even with clears still queued as the last page is indexed', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, objectStore, accountId } = stack;
      const slowClears = withClear(catalog, async (indexed) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await catalog.clearIndexBacklog(indexed);
      });
      await syncAccount({ catalog: slowClears, searchIndex, objectStore, createConnector }, accountId);
      expect(await catalog.listIndexBacklog(1000)).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  it('applies no page after one that failed, and the next run resumes from the last page applied', async () => {
    const stack = await openStack();
    try {
      const { catalog, searchIndex, objectStore, accountId } = stack;
      let applied = 0;
      const failingThirdPage = Object.assign(Object.create(catalog) as Catalog, {
        applyPage: async (input: ApplyPageInput) => {
          applied += 1;
          if (applied === 3) throw new Error('disk full');
          return catalog.applyPage(input);
        },
      });
      await expect(syncAccount({ catalog: failingThirdPage, searchIndex, objectStore, createConnector }, accountId))
        .rejects.toThrow('disk full');
      expect(applied).toBe(3);
      expect(await catalog.countRecords()).toBe(2 * CONNECTOR.pageSize);
      const resumed = await syncAccount({ catalog, searchIndex, objectStore, createConnector }, accountId);
      expect(resumed.resumed).toBe(true);
      const clean = await openStack();
      try {
        await syncAccount({ catalog: clean.catalog, searchIndex: clean.searchIndex, objectStore: clean.objectStore, createConnector }, clean.accountId);
        expect(await catalog.countRecords()).toBe(await clean.catalog.countRecords());
      } finally {
        await clean.close();
      }
      expect((await searchIndex.search({ limit: 1 })).total).toBe(await catalog.countRecords());
    } finally {
      await stack.close();
    }
  });
});
