import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import type { SearchIndex } from '@verbatim/core';
import { openThreadedSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { rebuildSearchIndex, searchIndexNeedsRebuild } from './rebuild-search-index';
import { syncAccount } from './sync-account';

const CONNECTOR = { type: 'mock' as const, seed: 11, posts: 50, maxCommentsPerPost: 8, pageSize: 40 };
const QUERIES = ['budget', 'park*', '"town hall"', 'meeting OR library', ''];

async function answers(index: SearchIndex) {
  return Promise.all(
    QUERIES.map(async (q) => {
      const result = await index.search({ q: q || undefined, sort: 'newest', limit: 1000 });
      return { q, total: result.total, ids: result.hits.map((hit) => hit.id) };
    }),
  );
}

describe('rebuildSearchIndex', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-rebuild-'));
  const searchFile = path.join(dir, 'search.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a lost index file back with the same answers as before', async () => {
    const { catalog } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
    const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
    const agency = await catalog.createAgency({ name: 'Library', kind: 'department' });
    const account = await catalog.createAccount({
      agencyId: agency.id,
      platform: 'facebook',
      handle: 'library',
      status: 'active',
      connector: CONNECTOR,
      syncIntervalMinutes: 60,
      administrators: [],
      moderators: [],
    });
    let searchIndex = await openThreadedSqliteSearchIndex(searchFile);
    try {
      await syncAccount({ catalog, searchIndex, objectStore, createConnector }, account.id);
      await syncAccount({ catalog, searchIndex, objectStore, createConnector }, account.id);
      const before = await answers(searchIndex);
      expect(before.every((answer) => answer.total > 0)).toBe(true);
      const indexed = await searchIndex.count();
      expect(await searchIndexNeedsRebuild({ catalog, searchIndex })).toBe(false);

      await searchIndex.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(searchFile + suffix, { force: true });
      searchIndex = await openThreadedSqliteSearchIndex(searchFile);
      expect(await searchIndex.count()).toBe(0);
      expect(await searchIndexNeedsRebuild({ catalog, searchIndex })).toBe(true);

      const progress: number[] = [];
      const rebuilt = await rebuildSearchIndex(
        { catalog, searchIndex },
        { onProgress: (count) => progress.push(count) },
      );
      expect(rebuilt).toBe(indexed);
      expect(progress.at(-1)).toBe(indexed);
      expect(await searchIndex.count()).toBe(indexed);
      expect(await answers(searchIndex)).toEqual(before);
      expect(await searchIndexNeedsRebuild({ catalog, searchIndex })).toBe(false);
    } finally {
      await searchIndex.close();
      await catalog.close();
    }
  });
});
