import type { Pool } from 'pg';
import type { ApplyPageInput, PageApplied } from '@verbatim/core';
import { createAccount, makeItem, makePage, T } from './conformance/fixtures';
import { POSTGRES_MIGRATIONS } from './postgres/migrations';
import { openPostgresCatalog } from './postgres/open-postgres-catalog';
import { createCatalogPool } from './postgres/postgres-pool';
import type { PostgresCatalog } from './postgres/postgres.catalog';
import { TEST_DATABASE_URL, TestDatabase, uniqueSchemaName } from './postgres/postgres-test-database';
import { runPostgresMigrations } from './postgres/run-migrations';

const database = new TestDatabase();
let schema: string;
beforeEach(() => {
  schema = uniqueSchemaName('catalog_race');
});
afterEach(() => database.dropSchema(schema));
afterAll(() => database.close());

/** Pools already connected, so the work that follows starts as close to together as the server allows. */
async function connectedPools(count: number, poolSize: number): Promise<Pool[]> {
  const pools = await Promise.all(
    Array.from({ length: count }, () => createCatalogPool({ connectionString: TEST_DATABASE_URL, schema, poolSize })),
  );
  await Promise.all(pools.map((pool) => pool.query('SELECT 1')));
  return pools;
}

describe('PostgreSQL catalog under concurrent processes', () => {
  it('applies each migration exactly once when several processes migrate a fresh schema together', async () => {
    const pools = await connectedPools(8, 1);
    try {
      const appliedByEach = await Promise.all(pools.map((pool) => runPostgresMigrations(pool, schema)));
      const versions = POSTGRES_MIGRATIONS.map((migration) => migration.version);
      expect(appliedByEach.flat().sort((a, b) => a - b)).toEqual(versions);
      expect(appliedByEach.filter((applied) => applied.length > 0)).toHaveLength(1);
      const rows = await database.queryIn<{ version: number }>(
        schema,
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((row) => row.version)).toEqual(versions);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('numbers versions 1..n without gaps or duplicates when workers apply overlapping pages at once', async () => {
    const catalogs: PostgresCatalog[] = [];
    for (let index = 0; index < 2; index += 1) {
      catalogs.push(await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 3 }));
    }
    try {
      const account = await createAccount(catalogs[0]);
      await catalogs[0].startPass(account.id, 1, 'token-1', 'c0', T.pass1);
      const platformIds = Array.from({ length: 25 }, (_, index) => `shared-${index}`);
      const workers = 6;
      const pagesPerWorker = 5;
      // Each page carries every item with text of its own, so every page is a new version of every record; each
      // worker lists the items in another order, so only the adapter's own ordering keeps the locks deadlock-free.
      const pageOf = (worker: number, page: number): ApplyPageInput => {
        const order = worker % 2 === 0 ? platformIds : [...platformIds].reverse();
        const rotated = [...order.slice(worker), ...order.slice(0, worker)];
        const items = rotated.map((platformId) =>
          makeItem(platformId, { text: `${platformId} as seen by worker ${worker}, page ${page}` }),
        );
        return makePage(account.id, `worker-${worker}-page-${page}`, items, { nextCursor: `w${worker}p${page}` });
      };
      const results = await Promise.all(
        Array.from({ length: workers }, async (_, worker) => {
          const catalog = catalogs[worker % catalogs.length];
          const applied: PageApplied[] = [];
          for (let page = 0; page < pagesPerWorker; page += 1)
            applied.push(await catalog.applyPage(pageOf(worker, page)));
          return applied;
        }),
      );

      const pages = workers * pagesPerWorker;
      const all = results.flat();
      expect(all.reduce((sum, applied) => sum + applied.created, 0)).toBe(platformIds.length);
      expect(all.reduce((sum, applied) => sum + applied.newVersions, 0)).toBe(platformIds.length * (pages - 1));
      expect(await catalogs[1].countRecords()).toBe(platformIds.length);
      const expectedTexts = (platformId: string) =>
        Array.from({ length: workers }, (_, worker) =>
          Array.from(
            { length: pagesPerWorker },
            (__, page) => `${platformId} as seen by worker ${worker}, page ${page}`,
          ),
        )
          .flat()
          .sort();
      for (const platformId of platformIds) {
        const record = (await catalogs[1].getRecordByPlatformId(account.id, platformId))!;
        const versions = await catalogs[1].listVersions(record.id);
        expect(versions.map((version) => version.version)).toEqual(
          Array.from({ length: pages }, (_, index) => index + 1),
        );
        expect(versions.map((version) => version.text).sort()).toEqual(expectedTexts(platformId));
        expect(record).toMatchObject({ versionCount: pages, status: 'edited', text: versions[pages - 1].text });
      }
      expect(await catalogs[0].getSyncState(account.id)).toMatchObject({
        pagesFetched: pages,
        itemsSeen: pages * platformIds.length,
      });
      expect(await catalogs[0].listIndexBacklog(100)).toHaveLength(platformIds.length);
    } finally {
      await Promise.all(catalogs.map((catalog) => catalog.close()));
    }
  });

  it('tombstones and re-applies the same records at once without deadlock, leaving one open tombstone at most', async () => {
    const [writer, remover] = [
      await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 3 }),
      await openPostgresCatalog({ connectionString: TEST_DATABASE_URL, schema, poolSize: 3 }),
    ];
    try {
      const account = await createAccount(writer);
      const platformIds = Array.from({ length: 20 }, (_, index) => `item-${index}`);
      await writer.applyPage(
        makePage(
          account.id,
          'first',
          platformIds.map((platformId) => makeItem(platformId)),
        ),
      );
      const recordIds = (await writer.listUnseen(account.id, 2)).map((record) => record.id);
      await Promise.all([
        (async () => {
          for (let round = 0; round < 10; round += 1) {
            await writer.applyPage(
              makePage(
                account.id,
                `again-${round}`,
                platformIds.map((platformId) => makeItem(platformId)),
              ),
            );
          }
        })(),
        (async () => {
          for (let round = 0; round < 10; round += 1)
            await remover.markGone(account.id, [...recordIds].reverse(), T.pass2);
        })(),
      ]);
      const open = await database.queryIn<{ record_seq: number; open: number }>(
        schema,
        'SELECT record_seq, (count(*) FILTER (WHERE restored_at IS NULL))::int AS open FROM tombstones GROUP BY record_seq',
      );
      expect(open.every((row) => row.open <= 1)).toBe(true);
      for (const record of await writer.getRecords(recordIds)) {
        const tombstone = await writer.getTombstone(record.id);
        expect(tombstone === null).toBe(record.status !== 'deleted');
        expect(record.versionCount).toBe(1);
      }
    } finally {
      await Promise.all([writer.close(), remover.close()]);
    }
  });
});
