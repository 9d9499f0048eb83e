import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteCatalog } from '@verbatim/catalog';
import { makeItem, makePage } from '@verbatim/catalog/testing';
import type { Catalog, ReindexControl } from '@verbatim/core';
import { SqliteSearchGenerations } from '@verbatim/search';
import { reindexOutdatedSearchIndex } from './outdated-search-index';
import { reindex } from './reindex';

/** The reindex port run in this process: start() rebuilds at once, as the index worker's job would. */
function inProcessReindex(catalog: Catalog, generations: SqliteSearchGenerations): ReindexControl & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    async start(requestedBy) {
      runs.push(requestedBy);
      await reindex({ catalog, generations });
      return `reindex-${runs.length}`;
    },
    latest: async () => null,
  };
}

describe('upgrading a search index written before policy flags', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-upgrade-'));
  const searchFile = path.join(dir, 'search.sqlite');
  let catalog: Catalog;
  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues a reindex at start, after which the flags are searchable; a current index queues none', async () => {
    catalog = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') }).catalog;
    const agency = await catalog.createAgency({ name: 'Parks', kind: 'department' });
    const account = await catalog.createAccount({
      agencyId: agency.id,
      platform: 'facebook',
      handle: 'parks',
      status: 'active',
      connector: { type: 'mock', seed: 1, posts: 1, maxCommentsPerPost: 1 },
      syncIntervalMinutes: 60,
      administrators: [],
      moderators: [],
    });
    await catalog.applyPage(
      makePage(account.id, 'p1', [
        makeItem('c1', { kind: 'comment', text: 'Call my neighbour at (203) 555-0187' }),
        makeItem('c2', { kind: 'comment', text: 'Thanks for fixing the swings' }),
      ]),
    );
    let generations = await SqliteSearchGenerations.open(searchFile);
    await generations.live.upsert(await catalog.listSearchDocuments(null, 100));
    await generations.live.close();
    // The file as the previous version left it: no flags column, no document format.
    const old = new Database(searchFile);
    old.exec("ALTER TABLE search_documents DROP COLUMN flags; DELETE FROM search_meta WHERE key = 'document_format'");
    old.close();

    generations = await SqliteSearchGenerations.open(searchFile);
    const control = inProcessReindex(catalog, generations);
    const flagged = () => generations.live.search({ filters: { flag: ['personal-information'] } });
    expect((await flagged()).total).toBe(0);
    const reason = await reindexOutdatedSearchIndex({ searchIndex: generations.live, reindexControl: control });
    expect(reason).toMatch(/before policy flags were indexed/);
    expect(control.runs).toEqual(['system:search-index-upgrade']);
    const found = await flagged();
    expect(found.total).toBe(1);
    expect(found.facets.flag).toEqual([{ value: 'personal-information', count: 1 }]);
    expect(await generations.live.count()).toBe(2);

    expect(await reindexOutdatedSearchIndex({ searchIndex: generations.live, reindexControl: control })).toBeNull();
    expect(control.runs).toHaveLength(1);
    await generations.live.close();
  });
});
