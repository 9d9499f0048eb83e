import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector } from '@verbatim/connectors';
import type { Catalog, SearchIndex } from '@verbatim/core';
import { SqliteSearchGenerations } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { reindex, ReindexInterruptedError } from './reindex';
import { checkSearchDrift } from './search-drift';
import { syncAccount } from './sync-account';

const CONNECTOR = { type: 'mock' as const, seed: 21, posts: 60, maxCommentsPerPost: 8, pageSize: 50 };
const QUERIES = ['budget', 'park*', '"town hall"', 'meeting OR library', ''];

async function answers(index: SearchIndex) {
  return Promise.all(
    QUERIES.map(async (q) => {
      const result = await index.search({ q: q || undefined, sort: 'newest', limit: 1000 });
      return { q, total: result.total, ids: result.hits.map((hit) => hit.id) };
    }),
  );
}

describe('reindex and the drift check', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-reindex-'));
  const searchFile = path.join(dir, 'search.sqlite');
  let catalog: Catalog;
  let generations: SqliteSearchGenerations;
  let accountId: string;
  const sync = () => syncAccount({ catalog, searchIndex: generations.live, objectStore, createConnector }, accountId);
  let objectStore: Awaited<ReturnType<typeof createObjectStore>>;

  beforeAll(async () => {
    catalog = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') }).catalog;
    objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
    const agency = await catalog.createAgency({ name: 'Library', kind: 'department' });
    accountId = (
      await catalog.createAccount({
        agencyId: agency.id,
        platform: 'facebook',
        handle: 'library',
        status: 'active',
        connector: CONNECTOR,
        syncIntervalMinutes: 60,
        administrators: [],
        moderators: [],
      })
    ).id;
    generations = await SqliteSearchGenerations.open(searchFile);
    await sync();
    await sync();
  });
  afterAll(async () => {
    await generations.live.close();
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing wrong with an index in step with the catalog', async () => {
    const report = await checkSearchDrift({ catalog, searchIndex: generations.live }, { sampleSize: 100 });
    expect(report.ok).toBe(true);
    expect(report.totals.index).toBe(report.totals.catalog);
    expect(report.accounts).toEqual([]);
    expect(report.sample.compared).toBe(true);
    expect(report.sample.checked).toBeGreaterThan(50);
  });

  it('reports a missing and a stale document, and the account whose count is off', async () => {
    const [goneDocument, staleDocument] = await catalog.listSearchDocuments(null, 2);
    const [gone, stale] = [goneDocument.id, staleDocument.id];
    const db = new Database(searchFile);
    db.prepare('DELETE FROM search_documents WHERE id = ?').run(gone);
    db.prepare('UPDATE search_documents SET text_hash = text_hash + 1 WHERE id = ?').run(stale);
    db.close();
    // Read by a process started afresh (this one's caches would not see a change made behind the writer's back).
    const fresh = await SqliteSearchGenerations.open(searchFile);
    try {
      expect(await fresh.live.verify([goneDocument, staleDocument])).toEqual([
        { id: gone, state: 'missing' },
        { id: stale, state: 'different' },
      ]);
      const report = await checkSearchDrift({ catalog, searchIndex: fresh.live });
      expect(report.ok).toBe(false);
      expect(report.totals.index).toBe(report.totals.catalog - 1);
      expect(report.accounts).toEqual([
        { accountId, catalog: report.totals.catalog, index: report.totals.catalog - 1 },
      ]);
    } finally {
      await fresh.live.close();
    }
  });

  it('rebuilds a new generation while searches go on, resumes after being cut short, and promotes it', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    await expect(
      reindex(
        { catalog, generations },
        {
          signal: stop.signal,
          batchSize: 50,
          onProgress: (progress) => {
            seen.push(progress.copied);
            if (progress.copied >= 100) stop.abort();
          },
        },
      ),
    ).rejects.toThrow(ReindexInterruptedError);
    expect(readdirSync(dir).filter((name) => /^search\.g\d+\.sqlite$/.test(name))).toHaveLength(1);

    // The live generation keeps answering while the next is built, and documents synced meanwhile go to both.
    await sync();
    const during = await answers(generations.live);
    expect(during.every((answer) => answer.total > 0)).toBe(true);

    const resumed = await reindex({ catalog, generations }, { batchSize: 50 });
    expect(seen).toEqual([50, 100]);
    expect(resumed.resumed).toBe(true);
    // Only what lies beyond the saved progress is copied again (documents synced meanwhile came by both roads).
    expect(resumed.copied).toBeGreaterThan(0);
    expect(resumed.copied).toBeLessThanOrEqual(resumed.total - 100);
    expect(existsSync(searchFile)).toBe(false);
    expect(existsSync(path.join(dir, 'search.rebuild.json'))).toBe(false);
    expect(await generations.live.count()).toBe(await catalog.countRecords());

    const drift = await checkSearchDrift({ catalog, searchIndex: generations.live });
    expect(drift.ok).toBe(true);
    // A restart opens the promoted generation.
    const reopened = await SqliteSearchGenerations.open(searchFile);
    try {
      expect(await answers(reopened.live)).toEqual(await answers(generations.live));
    } finally {
      await reopened.live.close();
    }
  });

  it('keeps another process sharing the data directory in step: it writes to the rebuild meanwhile, then switches', async () => {
    const other = await SqliteSearchGenerations.open(searchFile, { followIntervalMs: 100 });
    try {
      const [first] = await catalog.listSearchDocuments(null, 1);
      const amended = { ...first, text: `${first.text} (amended by the other process)` };
      await reindex(
        { catalog, generations },
        {
          batchSize: 50,
          // The first batch is copied; the other process then changes one of its documents.
          onProgress: async (progress) => {
            if (progress.copied === 50) await other.live.upsert([amended]);
          },
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await other.live.verify([amended])).toEqual([{ id: amended.id, state: 'same' }]);
      expect(await generations.live.verify([amended])).toEqual([{ id: amended.id, state: 'same' }]);
      expect(await other.live.count()).toBe(await generations.live.count());
    } finally {
      await other.live.close();
    }
  });
});
