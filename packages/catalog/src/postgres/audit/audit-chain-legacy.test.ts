import { AUDIT_GENESIS_HASH } from '@verbatim/core';
import { POSTGRES_MIGRATIONS } from '../migrations';
import { openPostgresCatalog } from '../open-postgres-catalog';
import { createCatalogPool } from '../postgres-pool';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from '../postgres-test-database';
import { runPostgresMigrations } from '../run-migrations';

const database = new TestDatabase();
afterAll(() => database.close());

describe('PostgreSQL audit chain over entries written before it', () => {
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchemaName();
  });
  afterEach(() => database.dropSchema(schema));

  it('seals the older entries once, in their order, ahead of new ones, and keeps them unchangeable', async () => {
    const pool = await createCatalogPool({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 });
    await runPostgresMigrations(
      pool,
      schema,
      POSTGRES_MIGRATIONS.filter((migration) => migration.version < 60),
    );
    await pool.end();
    await database.executeIn(
      schema,
      `INSERT INTO audit_log (at, actor, action, target, details) VALUES
        ('2025-01-01T00:00:00.000Z', 'tok_old', 'record.read', 'rec_1', NULL),
        ('2025-01-02T00:00:00.000Z', 'tok_old', 'record.search', '', '{"q":"parks","hits":2}')`,
    );

    // Two processes starting together: the chain-head lock lets one seal, the other finds nothing left.
    const [catalog, other] = await Promise.all([
      openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 }),
      openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 2 }),
    ]);
    await Promise.all([
      catalog.appendAudit({ actor: 'per_new', action: 'session.sign-in', target: 'per_new' }),
      other.appendAudit({ actor: 'per_other', action: 'session.sign-in', target: 'per_other' }),
    ]);
    const { entries } = await catalog.listAuditEntries({ limit: 10 });
    expect(entries.map((entry) => entry.seq)).toEqual([4, 3, 2, 1]);
    expect(entries.slice(2).map((entry) => [entry.actor, entry.action])).toEqual([
      ['tok_old', 'record.search'],
      ['tok_old', 'record.read'],
    ]);
    expect(entries[3].prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(entries[2].details).toEqual({ q: 'parks', hits: 2 });
    expect(await other.verifyAuditChain()).toMatchObject({ ok: true, entries: 4, findings: [] });
    await expect(database.executeIn(schema, "UPDATE audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(
      database.executeIn(schema, "INSERT INTO audit_log (at, actor, action, target) VALUES (now(), 'a', 'b', 'c')"),
    ).rejects.toThrow(/sealed/);
    await Promise.all([catalog.close(), other.close()]);
  });
});
