import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchDocument } from '@verbatim/core';
import { FIXTURE_DOCUMENTS, fixtureDocument } from '../conformance/fixture';
import { matchingIds } from '../conformance/harness';
import { DocumentIds } from './document-ids';
import { ensureSearchSchema } from './schema';
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
  Array.from({ length: count }, (_, n) => ({
    ...fixtureDocument('d05'),
    id: `${prefix}-${n}`,
    text: `copy number${n} of the notice`,
  }));
const count = (db: Database.Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const rewritten = (prefixes: string[]): SearchDocument[] =>
  prefixes.map((prefix) => ({ ...copies(prefix, 1)[0], text: `rewritten ${prefix}` }));

/** A connection with DocumentIds alone, written to as DocumentWriter does (search_documents rows hold only ids). */
function openIds(mergeThreshold: number) {
  const db = new Database(join(directory, 'search.db'));
  db.pragma('journal_mode = WAL');
  databases.push(db);
  ensureSearchSchema(db);
  const ids = new DocumentIds(db, mergeThreshold);
  const insert = db.prepare(`INSERT INTO search_documents (id, agency, account, author, enums, posted_at, text_hash)
    VALUES (?, 0, 0, 0, 0, 0, 0)`);
  const insertNew = (id: string) => {
    const doc = Number(insert.run(id).lastInsertRowid);
    ids.add(id, doc);
    return doc;
  };
  /** Keys of these ids, inserting those not found, in one write transaction. */
  const write = (names: string[]): number[] =>
    db
      .transaction(() => {
        ids.catchUp();
        const keys = names.map((name) => ids.find(name) ?? insertNew(name));
        ids.mergeIfLong();
        return keys;
      })
      .immediate();
  return { db, ids, write, insertNew };
}

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
    await index.upsert([
      { ...copies('a', 1)[0], text: 'rewritten first' },
      { ...copies('b', 3)[2], text: 'rewritten last' },
    ]);
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
    const checks = await index.verify([
      FIXTURE_DOCUMENTS[0],
      { ...FIXTURE_DOCUMENTS[1], status: 'deleted' },
      { ...FIXTURE_DOCUMENTS[2], id: 'nowhere' },
    ]);
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
    expect(
      reopened.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_autoindex_search_documents_1'").get(),
    ).toBeUndefined();
    expect(reopened.db.prepare('SELECT doc, id FROM search_documents ORDER BY doc').all()).toEqual(keys);
    expect(count(reopened.db, 'search_ids')).toBe(FIXTURE_DOCUMENTS.length);
    await reopened.index.upsert([{ ...fixtureDocument('d01'), text: 'after the move' }]);
    expect(count(reopened.db, 'search_documents')).toBe(FIXTURE_DOCUMENTS.length);
    expect(await matchingIds(reopened.index, 'move')).toEqual(['d01']);
  });

  it('finds the ids another connection merged, whether this writer had seen them in the tail or not', async () => {
    const first = openIndex({ idMergeThreshold: 8 });
    const second = openIndex({ idMergeThreshold: 8 });
    await first.index.upsert(copies('a', 3));
    await second.index.upsert(copies('b', 3));
    await first.index.upsert(copies('c', 1)); // the first now mirrors a, b and c from the tail
    await second.index.upsert(copies('d', 4)); // 11 in the tail: the second merges, d unseen by the first
    expect(count(first.db, 'search_ids_tail')).toBe(0);
    await first.index.upsert(rewritten(['a', 'b', 'c', 'd']));
    expect(count(first.db, 'search_documents')).toBe(11);
    expect(await matchingIds(first.index, 'rewritten')).toEqual(['a-0', 'b-0', 'c-0', 'd-0']);
  });

  it("finds ids after its own merge and then another connection's", async () => {
    const first = openIndex({ idMergeThreshold: 4 });
    const second = openIndex({ idMergeThreshold: 4 });
    await first.index.upsert(copies('a', 5)); // merged by the first
    await second.index.upsert(copies('b', 3));
    await first.index.upsert(copies('c', 1)); // b and c merged by the first
    await second.index.upsert(copies('d', 4)); // merged by the second
    await first.index.upsert(rewritten(['a', 'b', 'c', 'd']));
    expect(count(first.db, 'search_documents')).toBe(13);
    expect(await matchingIds(first.index, 'rewritten')).toEqual(['a-0', 'b-0', 'c-0', 'd-0']);
  });

  it('finds ids written after a clear, by itself or another connection, under keys handed out again', async () => {
    const first = openIndex({ idMergeThreshold: 4 });
    const second = openIndex({ idMergeThreshold: 4 });
    await first.index.upsert(copies('a', 6));
    await second.index.clear();
    await second.index.upsert(copies('b', 5)); // keys 1 to 5 again, merged
    await first.index.upsert(rewritten(['b']));
    expect(count(first.db, 'search_documents')).toBe(5);
    await first.index.clear();
    await second.index.upsert(copies('c', 4));
    await first.index.upsert(rewritten(['c']));
    expect(count(first.db, 'search_documents')).toBe(4);
    expect(await matchingIds(first.index, 'rewritten')).toEqual(['c-0']);
  });

  it('after a write that merged and then rolled back, finds the ids written under the keys it had handed out', () => {
    const first = openIds(4);
    const second = openIds(4);
    first.write(['a', 'b', 'c']);
    const failing = first.db.transaction(() => {
      first.ids.catchUp();
      ['d', 'e'].forEach(first.insertNew);
      first.ids.mergeIfLong();
      throw new Error('failed after the merge');
    });
    expect(() => failing.immediate()).toThrow('failed after the merge');
    first.ids.forget();
    expect(second.write(['x', 'y'])).toEqual([4, 5]); // the keys d and e had; merged with a, b and c
    expect(first.write(['x', 'y', 'a', 'd'])).toEqual([4, 5, 1, 6]);
  });

  it('starts its filter over on clear(), keys being handed out again', () => {
    const first = openIds(2);
    const second = openIds(2);
    first.write(['a', 'b', 'c']);
    first.write(['d']);
    first.db
      .transaction(() => {
        first.ids.clear();
        first.db.exec('DELETE FROM search_documents');
      })
      .immediate();
    expect(second.write(['w', 'x', 'y', 'z'])).toEqual([1, 2, 3, 4]); // merged
    expect(first.write(['w', 'x', 'y', 'z'])).toEqual([1, 2, 3, 4]);
  });

  it('keeps finding every id as the filter grows, and when opened again', () => {
    const { db, write } = openIds(10_000);
    const names = Array.from({ length: 150_000 }, (_, n) => `rec_${n}`);
    for (let start = 0; start < names.length; start += 5000) write(names.slice(start, start + 5000));
    expect(write(names.filter((_, n) => n % 7 === 0))).toEqual(
      names.map((_, n) => n + 1).filter((_, n) => n % 7 === 0),
    );
    const reopened = openIds(10_000);
    expect(reopened.write(['rec_149999', 'rec_0', 'new'])).toEqual([150_000, 1, 150_001]);
    expect(count(db, 'search_documents')).toBe(150_001);
  });

  it('does not look an id up in search_ids when no document with it was written', () => {
    const { db, write } = openIds(2);
    write(['a', 'b']); // merged
    db.prepare("INSERT INTO search_ids (id, doc) VALUES ('slipped in', 99)").run(); // behind the filter's back
    expect(write(['a', 'b'])).toEqual([1, 2]);
    expect(count(db, 'search_documents')).toBe(2);
    expect(write(['slipped in'])).toEqual([3]); // not found (a look-up would have answered 99), so inserted
  });
});
