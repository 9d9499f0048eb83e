import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SearchQueryError, type SearchDocument } from '@verbatim/core';
import { FIXTURE_DOCUMENTS, fixtureDocument } from '../conformance/fixture';
import { matchingIds, pageThrough } from '../conformance/harness';
import { openSqliteSearchIndex, type SqliteSearchIndexOptions } from './sqlite.search-index';

let directory: string;
const databases: Database.Database[] = [];

function openIndex(options?: SqliteSearchIndexOptions) {
  const db = new Database(join(directory, 'catalog.db'));
  db.pragma('journal_mode = WAL');
  databases.push(db);
  return { db, index: openSqliteSearchIndex(db, options) };
}

const changed = (id: string, change: Partial<SearchDocument>): SearchDocument => ({
  ...fixtureDocument(id),
  ...change,
});

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'verbatim-search-internals-'));
});
afterEach(() => {
  databases.splice(0).forEach((db) => db.close());
  rmSync(directory, { recursive: true, force: true });
});

describe('SqliteSearchIndex in a shared database file', () => {
  it('owns only tables named search_*', async () => {
    const { db, index } = openIndex();
    db.exec('CREATE TABLE catalog_records (id TEXT)');
    await index.upsert(FIXTURE_DOCUMENTS);
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")
      .pluck()
      .all() as string[];
    const ours = names.filter((name) => name !== 'catalog_records');
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((name) => name.startsWith('search_') || name.startsWith('sqlite_autoindex_search_'))).toBe(true);
  });

  it('gives an index written before revisions the column, so any revision replaces what it holds', async () => {
    const { db, index } = openIndex();
    await index.upsert(FIXTURE_DOCUMENTS.map((document) => ({ ...document, revision: 7 })));
    db.exec('ALTER TABLE search_documents DROP COLUMN revision');
    const reopened = openIndex();
    expect(reopened.db.prepare('SELECT DISTINCT revision FROM search_documents').pluck().all()).toEqual([0]);
    await reopened.index.upsert([changed('d01', { text: 'written after the upgrade', revision: 1 })]);
    expect(await matchingIds(reopened.index, 'upgrade')).toEqual(['d01']);
  });

  it('gives an index written before policy flags the column, says it is outdated, and is current once rebuilt', async () => {
    const flagged = changed('d01', { text: 'Call me at (203) 555-0187' });
    const { db, index } = openIndex();
    await index.upsert([flagged, fixtureDocument('d02')]);
    // An index as the previous version wrote it: no flags column, no document format.
    db.exec("ALTER TABLE search_documents DROP COLUMN flags; DELETE FROM search_meta WHERE key = 'document_format'");
    const reopened = openIndex();
    expect(await reopened.index.outdated()).toMatch(/before policy flags were indexed \(format 1, now 2\)/);
    expect(await matchingIds(reopened.index, '', { flag: ['personal-information'] })).toEqual([]);
    // The drift check sees the missing flags as a difference...
    expect((await reopened.index.verify([flagged])).map((verdict) => verdict.state)).toEqual(['different']);
    // ...and a rebuild (the reindex fills an empty generation; here the same index, cleared) brings them.
    await reopened.index.clear();
    await reopened.index.upsert([flagged, fixtureDocument('d02')]);
    expect(await reopened.index.outdated()).toBeNull();
    expect(await matchingIds(reopened.index, '', { flag: ['personal-information'] })).toEqual(['d01']);
    expect(await openIndex().index.outdated()).toBeNull();
  });

  it('sees writes made through another connection, including text changes to cached matches', async () => {
    const writer = openIndex();
    const reader = openIndex({ minCachedLeafRows: 1 });
    await writer.index.upsert(FIXTURE_DOCUMENTS);
    expect(await matchingIds(reader.index, 'budget')).toEqual(['d01', 'd02', 'd21', 'd31']);
    await writer.index.upsert([
      changed('d01', { text: 'Library hours extended' }),
      changed('d26', { text: 'Budget book sale' }),
    ]);
    await writer.index.upsert([{ ...fixtureDocument('d02'), id: 'd99', postedAt: '2024-04-01T00:00:00.000Z' }]);
    expect(await matchingIds(reader.index, 'budget')).toEqual(['d02', 'd21', 'd26', 'd31', 'd99']);
    expect(await matchingIds(reader.index, 'library')).toEqual(['d01']);
    expect(
      (await reader.index.search({ limit: 1 })).facets.accountId.find((f) => f.value === 'acc_clerk_fb')?.count,
    ).toBe(12);
  });
});

describe('SqliteSearchIndex paging', () => {
  it('stays exact for date sorts when the paging snapshot was evicted (recomputed within the snapshot bound)', async () => {
    const { index } = openIndex({ pointInTimeBytes: 0 });
    await index.upsert(FIXTURE_DOCUMENTS);
    const seen = await pageThrough(index, { sort: 'oldest', limit: 4 }, async (page) => {
      await index.upsert([
        { ...fixtureDocument('d05'), id: `late-${page}`, postedAt: '2024-03-10T00:00:00.000Z' },
        changed('d29', { status: page % 2 ? 'deleted' : 'hidden' }),
      ]);
    });
    expect([...seen].sort()).toEqual(FIXTURE_DOCUMENTS.map((document) => document.id).sort());
  });

  it('pages through relevance windows smaller than the match set, each match once', async () => {
    const { index } = openIndex({ relevanceWindow: 2 });
    await index.upsert(FIXTURE_DOCUMENTS);
    const query = 'budget OR meeting OR street OR park*';
    const expected = await matchingIds(index, query);
    for (const limit of [1, 3, 5])
      expect([...(await pageThrough(index, { q: query, limit }))].sort()).toEqual(expected);
    const firstWindow = (await index.search({ q: query, limit: 2 })).hits.map((hit) => hit.score!);
    expect(firstWindow[0]).toBeGreaterThanOrEqual(firstWindow[1]);
  });

  it('refuses a cursor issued before clear()', async () => {
    const { index } = openIndex();
    await index.upsert(FIXTURE_DOCUMENTS);
    const { nextCursor } = await index.search({ limit: 2 });
    await index.clear();
    await index.upsert(FIXTURE_DOCUMENTS);
    await expect(index.search({ limit: 2, cursor: nextCursor! })).rejects.toBeInstanceOf(SearchQueryError);
  });
});

describe('SqliteSearchIndex warm-up', () => {
  it('precomputes frequent words without changing any result', async () => {
    const { index } = openIndex();
    await index.upsert(FIXTURE_DOCUMENTS);
    const before = await index.search({ q: 'the OR street' });
    expect(index.warmUp({ sampleSize: 50, minDocumentShare: 0.05 }).terms).toBeGreaterThan(0);
    expect(await index.search({ q: 'the OR street' })).toEqual(before);
  });
});

describe('SqliteSearchIndex with arbitrary query text', () => {
  it('either answers or throws SearchQueryError, never an FTS5 error', async () => {
    const { index } = openIndex({ minCachedLeafRows: 1 });
    await index.upsert(FIXTURE_DOCUMENTS);
    const pieces = [
      'budget',
      'meet*',
      '"',
      '(',
      ')',
      '-',
      '*',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      ':',
      '^',
      '{',
      '}',
      '+',
      '会議',
      'é',
      '🎉',
      "'",
      ',',
      '\u0301',
      '\u200b',
      'ㅤ',
      '𞤀',
    ];
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const q = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join(next() < 0.5 ? ' ' : '');
      try {
        await index.search({ q, limit: 3 });
      } catch (error) {
        if (!(error instanceof SearchQueryError))
          throw new Error(`query ${JSON.stringify(q)} failed: ${String(error)}`, { cause: error });
      }
    }
  });
});
