import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCatalogConformance, type CatalogHarnessFactory } from './catalog.conformance';
import { createAccount, makeItem, makePage } from './conformance/fixtures';
import { MIGRATIONS } from './sqlite/migrations';
import {
  openSqliteCatalog,
  openThreadedSqliteCatalog,
  type OpenedSqliteCatalog,
  type SqliteCatalogOptions,
} from './sqlite/open-sqlite-catalog';

function sqliteHarness(
  options: Omit<SqliteCatalogOptions, 'file'> = {},
  open: (options: SqliteCatalogOptions) => OpenedSqliteCatalog | Promise<OpenedSqliteCatalog> = openSqliteCatalog,
): CatalogHarnessFactory {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-catalog-'));
    const { catalog, db } = await open({ ...options, file: join(dir, 'catalog.sqlite') });
    return {
      catalog,
      execute: async (sql) => {
        db.prepare(sql).run();
      },
      close: async () => {
        await catalog.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

const adapters: Array<[string, CatalogHarnessFactory]> = [
  ['sqlite', sqliteHarness()],
  // Merging the id index after every other record runs each case through both halves of it.
  ['sqlite, id index merged every 2 records', sqliteHarness({ idMergeThreshold: 2 })],
  // What ingesting processes run: pages applied by a thread of their own, on a second connection.
  ['sqlite, pages applied on a thread', sqliteHarness({ idMergeThreshold: 2 }, openThreadedSqliteCatalog)],
];

describe.each(adapters)('Catalog conformance: %s', (_name, createHarness) => {
  describeCatalogConformance(createHarness);
});

describe('SQLite catalog file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'verbatim-catalog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is configured for WAL with foreign keys, and migrates once', async () => {
    const file = join(dir, 'catalog.sqlite');
    const first = openSqliteCatalog({ file });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(first.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const account = await createAccount(first.catalog);
    await first.catalog.applyPage(makePage(account.id, 'p1', [makeItem('a')]));
    await first.catalog.close();

    const second = openSqliteCatalog({ file });
    const applied = second.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(await second.catalog.countRecords()).toBe(1);
    await second.catalog.close();
  });

  it('leaves the search index tables in the shared file alone', async () => {
    const file = join(dir, 'catalog.sqlite');
    const first = openSqliteCatalog({ file });
    first.db.exec("CREATE TABLE search_documents (id TEXT); INSERT INTO search_documents VALUES ('kept')");
    await first.catalog.close();
    const second = openSqliteCatalog({ file });
    expect(second.db.prepare('SELECT id FROM search_documents').pluck().all()).toEqual(['kept']);
    await second.catalog.close();
  });

  it('closes once, however often asked', async () => {
    const { catalog } = openSqliteCatalog({ file: join(dir, 'catalog.sqlite') });
    await catalog.close();
    await expect(catalog.close()).resolves.toBeUndefined();
  });
});
