import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordIdFor } from '@verbatim/core';
import { createAccount, makeItem, makePage } from '../conformance/fixtures';
import { openSqliteCatalog } from './open-sqlite-catalog';

/** The record-id index below the catalog port: ids that share their 8-byte key, and files from before the keys. */
describe('record-id index', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-record-ids-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['in the tail', 1_000],
    ['after a merge', 1],
  ])('tells apart two records whose ids share their key (%s)', async (_where, idMergeThreshold) => {
    const { catalog, db } = openSqliteCatalog({ file: join(dir, 'catalog.sqlite'), idMergeThreshold });
    const account = await createAccount(catalog);
    await catalog.applyPage(
      makePage(account.id, 'p1', [makeItem('a', { text: 'first' }), makeItem('b', { text: 'second' })]),
    );
    // A real collision of 64 hash bits is not to be found, so b is given an id that shares a's key, in place.
    const first = recordIdFor(account.id, 'a');
    const second = `${first.slice(0, 20)}${first.endsWith('00000000') ? 'ffffffff' : '00000000'}`;
    const stranger = `${first.slice(0, 20)}${'12345678'}`;
    const moved = db.prepare('UPDATE records SET id = ? WHERE id = ?').run(second, recordIdFor(account.id, 'b'));
    expect(moved.changes).toBe(1);
    const keyRows = ['record_id_keys', 'record_id_keys_tail'].map(
      (table) =>
        db
          .prepare(
            `UPDATE ${table} SET key = unhex(substr(?, 5, 16)) WHERE seq = (SELECT seq FROM records WHERE id = ?)`,
          )
          .run(second, second).changes,
    );
    expect(keyRows.reduce((sum, changes) => sum + changes, 0)).toBe(1);

    expect((await catalog.getRecord(first))?.text).toBe('first');
    expect((await catalog.getRecord(second))?.text).toBe('second');
    expect(await catalog.getRecord(stranger)).toBeNull();
    const both = await catalog.getRecords([second, stranger, first]);
    expect(both.map((record) => record.text).sort()).toEqual(['first', 'second']);
    expect((await catalog.listVersions(second)).map((version) => version.text)).toEqual(['second']);
    await catalog.close();
  });

  it('finds nothing for an id that is not of the form rec_<24 hex digits>', async () => {
    const { catalog } = openSqliteCatalog({ file: join(dir, 'catalog.sqlite') });
    const account = await createAccount(catalog);
    await catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    const id = recordIdFor(account.id, 'a');
    expect(await catalog.getRecord(id.toUpperCase())).toBeNull();
    expect(await catalog.getRecord(id.slice(0, 10))).toBeNull();
    expect(await catalog.getRecords(['rec_not-hex-at-all-at-all', id])).toHaveLength(1);
    await catalog.close();
  });

  it('moves the ids of a file written before the keys, merged and tail alike, into the keyed index', async () => {
    const file = join(dir, 'catalog.sqlite');
    const written = openSqliteCatalog({ file });
    const account = await createAccount(written.catalog);
    await written.catalog.applyPage(
      makePage(
        account.id,
        'p1',
        ['a', 'b', 'c'].map((id) => makeItem(id)),
      ),
    );
    // Put the file back as migration 8 left it: text ids, two merged and one in the tail.
    written.db.exec(`
      DROP TABLE record_id_keys; DROP TABLE record_id_keys_tail;
      CREATE TABLE record_ids (id TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE record_ids_tail (seq INTEGER PRIMARY KEY, id TEXT NOT NULL);
      CREATE INDEX record_ids_tail_by_id ON record_ids_tail (id);
      INSERT INTO record_ids (id, seq) SELECT id, seq FROM records WHERE seq <= 2;
      INSERT INTO record_ids_tail (seq, id) SELECT seq, id FROM records WHERE seq > 2;
      DELETE FROM schema_migrations WHERE version = 9;`);
    await written.catalog.close();

    const { catalog, db } = openSqliteCatalog({ file });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'record_id%'")
      .pluck()
      .all();
    expect(tables.sort()).toEqual(['record_id_keys', 'record_id_keys_tail']);
    const found = await catalog.getRecords(['a', 'b', 'c'].map((id) => recordIdFor(account.id, id)));
    expect(found.map((record) => record.platformId).sort()).toEqual(['a', 'b', 'c']);
    await catalog.applyPage(makePage(account.id, 'p2', [makeItem('d')]));
    expect((await catalog.getRecord(recordIdFor(account.id, 'd')))?.platformId).toBe('d');
    await catalog.close();
  });
});
