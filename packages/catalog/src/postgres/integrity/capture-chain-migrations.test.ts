import { Pool } from 'pg';
import { POSTGRES_MIGRATIONS } from '../migrations';
import { runPostgresMigrations } from '../run-migrations';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from '../postgres-test-database';

describe('the PostgreSQL capture chain migration', () => {
  const database = new TestDatabase();
  const schema = uniqueSchemaName('capture_chain');
  const pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  afterAll(async () => {
    await pool.end();
    await database.dropSchema(schema);
    await database.close();
  });

  it('chains the captures recorded before it, per account in capture order, and refuses later edits', async () => {
    await runPostgresMigrations(
      pool,
      schema,
      POSTGRES_MIGRATIONS.filter((migration) => migration.version < 62),
    );
    for (const [sha, account, at] of [
      ['b', 'acc_1', '2026-01-02T00:00:00Z'],
      ['a', 'acc_1', '2026-01-03T00:00:00Z'],
      ['c', 'acc_2', '2026-01-01T00:00:00Z'],
      ['d', 'acc_1', '2026-01-01T00:00:00Z'],
    ])
      await database.executeIn(
        schema,
        `INSERT INTO raw_captures (sha256, key, account_id, content_type, byte_length, source, captured_at)
         VALUES ('${sha.repeat(64)}', 'raw/k', '${account}', 'application/json', 1, 'test', '${at}')`,
      );
    expect(await runPostgresMigrations(pool, schema)).toContain(62);
    const links = await database.queryIn(
      schema,
      'SELECT account_id, position::int AS position, sha256, previous_sha256 FROM capture_chain ORDER BY account_id, position',
    );
    expect(links).toEqual([
      { account_id: 'acc_1', position: 1, sha256: 'd'.repeat(64), previous_sha256: null },
      { account_id: 'acc_1', position: 2, sha256: 'b'.repeat(64), previous_sha256: 'd'.repeat(64) },
      { account_id: 'acc_1', position: 3, sha256: 'a'.repeat(64), previous_sha256: 'b'.repeat(64) },
      { account_id: 'acc_2', position: 1, sha256: 'c'.repeat(64), previous_sha256: null },
    ]);
    await expect(database.executeIn(schema, 'UPDATE capture_chain SET previous_sha256 = NULL')).rejects.toThrow();
    await expect(database.executeIn(schema, 'DELETE FROM capture_chain')).rejects.toThrow();
  });
});
