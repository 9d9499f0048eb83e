import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchDocument } from '@verbatim/core';
import { FIXTURE_DOCUMENTS, fixtureDocument } from '../conformance/fixture';
import { matchingIds } from '../conformance/harness';
import { openSqliteSearchIndex, type SqliteSearchIndexOptions } from './sqlite.search-index';

let directory: string;
const databases: Database.Database[] = [];

function openIndex(options?: SqliteSearchIndexOptions) {
  const db = new Database(join(directory, 'search.db'));
  db.pragma('journal_mode = WAL');
  databases.push(db);
  return { db, index: openSqliteSearchIndex(db, options) };
}

const copies = (prefix: string, count: number): SearchDocument[] =>
  Array.from({ length: count }, (_, n) => ({ ...fixtureDocument('d05'), id: `${prefix}-${n}`, text: `copy number${n} of the notice` }));
const count = (db: Database.Database, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'verbatim-search-ids-'));
});
afterEach(() => {
  databases.splice(0).forEach((db) => db.close());
  rmSync(directory, { recursive: true, force: true });
});

describe('document ids of the SQLite search index', () => {
  it('replaces documents found in the merged ids and in the tail, never duplicating them', async () => {
    const { db, index } = openIndex({ idMergeThreshold: 10 });
    await index.upsert(copies('a', 25)); // 25 ids: merged once the tail reached 10, then 15 more
    await index.upsert(copies('b', 3));
    expect(count(db, 'search_ids')).toBeGreaterThan(0);
    expect(count(db, 'search_ids_tail')).toBeGreaterThan(0);
    await index.upsert([{ ...copies('a', 1)[0], text: 'rewritten first' }, { ...copies('b', 3)[2], text: 'rewritten last' }]);
    expect(count(db, 'search_documents')).toBe(28);
    expect(count(db, 'search_ids') + count(db, 'search_ids_tail')).toBe(28);
    expect(await matchingIds(index, 'rewritten')).toEqual(['a-0', 'b-2']);
    expect(await matchingIds(index, 'number0')).toEqual(['b-0']);
  });

  it('follows another connection writing the same file, merges included', async () => {
    const first = openIndex({ idMergeThreshold: 8 });
    const second = openIndex({ idMergeThreshold: 8 });
    await first.index.upsert(copies('x', 5));
    await second.index.upsert([{ ...copies('x', 5)[4], text: 'changed by the second' }, ...copies('y', 6)]); // second merges
    await first.index.upsert([{ ...copies('y', 6)[5], text: 'changed by the first' }, ...copies('z', 2)]);
    expect(count(first.db, 'search_documents')).toBe(13);
    expect(await matchingIds(second.index, 'changed')).toEqual(['x-4', 'y-5']);
  });

  it('verifies stored documents found in either part', async () => {
    const { index } = openIndex({ idMergeThreshold: 20 });
    await index.upsert(FIXTURE_DOCUMENTS);
    const checks = await index.verify([FIXTURE_DOCUMENTS[0], { ...FIXTURE_DOCUMENTS[1], status: 'deleted' }, { ...FIXTURE_DOCUMENTS[2], id: 'nowhere' }]);
    expect(checks.map((check) => check.state)).toEqual(['same', 'different', 'missing']);
  });

  it('starts over after clear()', async () => {
    const { db, index } = openIndex({ idMergeThreshold: 4 });
    await index.upsert(copies('a', 6));
    await index.clear();
    await index.upsert(copies('a', 2));
    expect(count(db, 'search_ids') + count(db, 'search_ids_tail')).toBe(2);
    expect(await matchingIds(index, 'copy')).toEqual(['a-0', 'a-1']);
  });

  it('moves ids out of an index written before search_ids existed, keeping its keys', async () => {
    const { db, index } = openIndex();
    await index.upsert(FIXTURE_DOCUMENTS);
    // Recreate the old layout: ids UNIQUE inside search_documents, no id tables.
    db.exec(`CREATE TABLE old_documents (doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, agency INTEGER NOT NULL,
        account INTEGER NOT NULL, author INTEGER NOT NULL, enums INTEGER NOT NULL, posted_at REAL NOT NULL,
        text_hash INTEGER NOT NULL);
      INSERT INTO old_documents SELECT doc, id, agency, account, author, enums, posted_at, text_hash FROM search_documents;
      DROP TABLE search_documents;
      ALTER TABLE old_documents RENAME TO search_documents; DROP TABLE search_ids; DROP TABLE search_ids_tail;`);
    const keys = db.prepare('SELECT doc, id FROM search_documents ORDER BY doc').all();
    const reopened = openIndex();
    expect(reopened.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_autoindex_search_documents_1'").get()).toBeUndefined();
    expect(reopened.db.prepare('SELECT doc, id FROM search_documents ORDER BY doc').all()).toEqual(keys);
    expect(count(reopened.db, 'search_ids')).toBe(FIXTURE_DOCUMENTS.length);
    await reopened.index.upsert([{ ...fixtureDocument('d01'), text: 'after the move' }]);
    expect(count(reopened.db, 'search_documents')).toBe(FIXTURE_DOCUMENTS.length);
    expect(await matchingIds(reopened.index, 'move')).toEqual(['d01']);
  });
});
