import Database from 'better-sqlite3';
import { MIGRATIONS, runMigrations } from '../migrations';

describe('the capture chain migration', () => {
  it('chains the captures recorded before it, per account in capture order, and refuses later edits', () => {
    const db = new Database(':memory:');
    runMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version < 62),
    );
    const insert = db.prepare(`INSERT INTO raw_captures (sha256, key, account_id, content_type, byte_length, source,
      captured_at) VALUES (?, 'raw/k', ?, 'application/json', 1, 'test', ?)`);
    insert.run('b'.repeat(64), 'acc_1', '2026-01-02T00:00:00.000Z');
    insert.run('a'.repeat(64), 'acc_1', '2026-01-03T00:00:00.000Z');
    insert.run('c'.repeat(64), 'acc_2', '2026-01-01T00:00:00.000Z');
    insert.run('d'.repeat(64), 'acc_1', '2026-01-01T00:00:00.000Z');
    runMigrations(db);
    const links = db.prepare('SELECT * FROM capture_chain ORDER BY account_id, position').all();
    expect(links).toEqual([
      { account_id: 'acc_1', position: 1, sha256: 'd'.repeat(64), previous_sha256: null },
      { account_id: 'acc_1', position: 2, sha256: 'b'.repeat(64), previous_sha256: 'd'.repeat(64) },
      { account_id: 'acc_1', position: 3, sha256: 'a'.repeat(64), previous_sha256: 'b'.repeat(64) },
      { account_id: 'acc_2', position: 1, sha256: 'c'.repeat(64), previous_sha256: null },
    ]);
    expect(() => db.exec(`UPDATE capture_chain SET previous_sha256 = NULL`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM capture_chain`)).toThrow(/append-only/);
  });
});
