import { describeCatalogConformance, type CatalogHarnessFactory } from './catalog.conformance';
import { createAccount, makeItem, makePage } from './conformance/fixtures';
import { openPostgresCatalog } from './postgres/open-postgres-catalog';
import { POSTGRES_MIGRATIONS } from './postgres/migrations';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

/** A catalog in a schema of its own, dropped with everything in it when the case ends. */
const postgresHarness: CatalogHarnessFactory = async () => {
  const schema = uniqueSchemaName();
  const catalog = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 4 });
  return {
    catalog,
    execute: (sql) => database.executeIn(schema, sql),
    close: async () => {
      await catalog.close();
      await database.dropSchema(schema);
    },
  };
};

describe.each([['postgres', postgresHarness]])('Catalog conformance: %s', (_name, createHarness) => {
  describeCatalogConformance(createHarness);
});

describe('PostgreSQL catalog schema', () => {
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchemaName();
  });
  afterEach(() => database.dropSchema(schema));

  it('migrates once: reopening applies nothing and keeps the data', async () => {
    const first = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    const account = await createAccount(first);
    await first.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await first.close();

    const second = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    const applied = await database.queryIn<{ version: number }>(
      schema,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
    expect(await second.countRecords()).toBe(1);
    await second.close();
  });

  it('round-trips instants exactly, milliseconds included', async () => {
    const catalog = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    const account = await createAccount(catalog);
    const item = makeItem('a', {
      postedAt: '2024-02-29T23:59:59.999Z',
      editedAt: '2024-03-01T00:00:00.001Z',
      hidden: true,
    });
    const page = makePage(account.id, 'p1', [item], { capturedAt: '2024-03-01T10:20:30.456Z' });
    await catalog.applyPage(page);
    const record = (await catalog.getRecordByPlatformId(account.id, 'a'))!;
    expect(record).toMatchObject({
      postedAt: item.postedAt,
      editedAt: item.editedAt,
      firstCapturedAt: page.capturedAt,
      lastSeenAt: page.capturedAt,
      hiddenAt: page.capturedAt,
    });
    expect(await catalog.getCapture(page.capture.sha256)).toEqual(page.capture);
    expect((await catalog.listVersions(record.id))[0]).toMatchObject({
      capturedAt: page.capturedAt,
      editedAt: item.editedAt,
    });
    await catalog.close();
  });

  it('stores instants as timestamptz and JSON as jsonb, in its own schema', async () => {
    const catalog = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    const columns = await database.queryIn<{ column_name: string; data_type: string }>(
      schema,
      `SELECT column_name, data_type
      FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'records'
        AND column_name IN ('posted_at', 'last_seen_at', 'attachments', 'seq')`,
      [schema],
    );
    expect(Object.fromEntries(columns.map((column) => [column.column_name, column.data_type]))).toEqual({
      seq: 'bigint',
      posted_at: 'timestamp with time zone',
      last_seen_at: 'timestamp with time zone',
      attachments: 'jsonb',
    });
    await catalog.close();
  });

  it('draws no seq for items already archived, so re-applied pages leave no gaps', async () => {
    const catalog = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    const account = await createAccount(catalog);
    const items = ['a', 'b', 'c'].map((platformId) => makeItem(platformId));
    await catalog.applyPage(makePage(account.id, 'p1', items));
    await catalog.applyPage(makePage(account.id, 'p2', items, { passNumber: 2 }));
    await catalog.applyPage(makePage(account.id, 'p3', [...items, makeItem('d')], { passNumber: 3 }));
    const seqs = await database.queryIn<{ seq: string }>(schema, 'SELECT seq FROM records ORDER BY seq');
    expect(seqs.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4]);
    await catalog.close();
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(
      openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP TABLE y; --' }),
    ).rejects.toThrow(/schema name/);
  });

  it('closes once, however often asked', async () => {
    const catalog = await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema });
    await catalog.close();
    await expect(catalog.close()).resolves.toBeUndefined();
  });
});
