import { POSTGRES_MIGRATIONS } from './migrations';
import { openPostgresBackendStores } from './open-postgres-backend-stores';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from './postgres-test-database';

const AT = '2026-04-01T09:00:00.000Z';

describe('openPostgresBackendStores', () => {
  const database = new TestDatabase();
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchemaName('backend_stores_test');
  });
  afterEach(() => database.dropSchema(schema));
  afterAll(() => database.close());

  it('migrates once when several processes open the same schema together, and every store works in it', async () => {
    const opened = await Promise.all(
      [1, 2, 3].map(() => openPostgresBackendStores(TEST_DATABASE_URL, { schema, poolSize: 2 })),
    );
    try {
      const applied = await database.queryIn<{ version: number }>(
        schema,
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
      const [first, second] = opened;
      const agency = await first.catalog.createAgency({ name: 'Clerk', kind: 'department' });
      expect(await second.catalog.getAgency(agency.id)).toEqual(agency);
      const user = await first.people.createUser({
        name: 'Ada',
        email: 'ada@town.example',
        roles: ['it-admin'],
        passwordHash: 'h',
        at: AT,
      });
      expect(await second.people.getUser(user!.id)).toEqual(user);
    } finally {
      await Promise.all(opened.map((stores) => stores.close()));
    }
  });

  it('closes the one pool every store shares, and closing twice is harmless', async () => {
    const stores = await openPostgresBackendStores(TEST_DATABASE_URL, { schema, poolSize: 2 });
    await stores.catalog.ping();
    await stores.close();
    await stores.close();
    await expect(stores.people.listUsers()).rejects.toThrow();
    await expect(stores.foiaStore.getSettings()).rejects.toThrow();
    await expect(stores.bundleStore.nextBatesNumber('X')).rejects.toThrow();
  });

  it('refuses a schema name it would have to quote, before connecting', async () => {
    await expect(openPostgresBackendStores(TEST_DATABASE_URL, { schema: 'Robert"; DROP' })).rejects.toThrow(
      /lower-case letters/,
    );
  });

  it('keeps Bates counters moving forward only, and completed bundles in place, below the code', async () => {
    const stores = await openPostgresBackendStores(TEST_DATABASE_URL, { schema, poolSize: 2 });
    try {
      const { request } = await stores.foiaStore.logRequest(
        {
          requester: { name: 'Sam' },
          receivedAt: AT,
          channel: 'email',
          description: 'Minutes',
          recordsCategory: 'general',
          year: 2026,
          createdBy: 'tok_officer',
          createdAt: AT,
        },
        () => [],
      );
      const bundle = await stores.bundleStore.createBundle({
        requestId: request.id,
        batesPrefix: 'TOWN',
        createdBy: 'tok_officer',
        at: AT,
      });
      expect(
        await stores.bundleStore.completeBundle(bundle.id, {
          batesFirst: 1,
          pages: 5,
          sha256: 'a',
          zipSha256: 'b',
          pdfKey: 'p',
          zipKey: 'z',
          inputKey: 'i',
          items: [],
          at: AT,
        }),
      ).toBe(true);
      await expect(database.executeIn(schema, `UPDATE bates_counters SET last_number = 2`)).rejects.toThrow(
        /forward-only/,
      );
      await expect(database.executeIn(schema, 'DELETE FROM bates_counters')).rejects.toThrow(/forward-only/);
      await expect(database.executeIn(schema, 'TRUNCATE bates_counters')).rejects.toThrow(/forward-only/);
      await expect(database.executeIn(schema, 'DELETE FROM bundles')).rejects.toThrow(/final once completed/);
      await database.executeIn(schema, `UPDATE bates_counters SET last_number = 9`);
      expect(await stores.bundleStore.nextBatesNumber('TOWN')).toBe(10);
    } finally {
      await stores.close();
    }
  });
});
