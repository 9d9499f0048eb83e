import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AccountRegistry,
  Catalog,
  ExportImportStore,
  ModerationLedgerStore,
  ModerationStore,
  PeopleStore,
  RetentionStore,
  SyncStateStore,
} from '@verbatim/core';
import type { BundleStore, ComplianceStore, FoiaStore } from '@verbatim/foia';
import { openPostgresBackendStores } from '../postgres/open-postgres-backend-stores';
import { TEST_DATABASE_URL, uniqueSchemaName, type TestDatabase } from '../postgres/postgres-test-database';
import { SqliteComplianceStore } from '../sqlite/compliance/sqlite.compliance-store';
import { SqliteBundleStore } from '../sqlite/foia/sqlite.bundle-store';
import { SqliteFoiaStore } from '../sqlite/foia/sqlite.foia-store';
import { openSqliteCatalog } from '../sqlite/open-sqlite-catalog';
import { SqliteModerationLedger } from '../sqlite/moderation/sqlite.moderation-ledger';
import { SqliteModerationStore } from '../sqlite/moderation/sqlite.moderation-store';
import { SqlitePeopleStore } from '../sqlite/sqlite.people-store';
import { SqliteRetentionStore } from '../sqlite/retention/sqlite.retention-store';
import { SqliteExportImportStore } from '../sqlite/imports/sqlite.export-import-store';

/** What a store conformance case gets: fresh, empty stores in the catalog's database, and a way below them. */
export interface StoresHarness {
  foiaStore: FoiaStore;
  bundleStore: BundleStore;
  people: PeopleStore;
  exportImports: ExportImportStore;
  retention: RetentionStore;
  compliance: ComplianceStore;
  moderation: ModerationStore;
  moderationLedger: ModerationLedgerStore;
  /** The agencies, accounts and records of the same database, for rows that point at an account or a record. */
  accounts: AccountRegistry & SyncStateStore;
  /** The whole catalog of the same database, for cases that need records in it. */
  catalog: Catalog;
  /**
   * Runs one raw SQL statement against the adapter's database, to prove the storage itself refuses what the
   * code never attempts. Only table and column names both adapters share belong in it.
   */
  execute: (sql: string) => Promise<void>;
  /** Closes the stores and removes whatever the harness created. */
  close(): Promise<void>;
}

export type StoresHarnessFactory = () => Promise<StoresHarness>;

/** Stores in a catalog file of their own, in a temporary directory removed on close. */
export const sqliteStoresHarness: StoresHarnessFactory = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-stores-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  return {
    foiaStore: new SqliteFoiaStore(db),
    bundleStore: new SqliteBundleStore(db),
    people: new SqlitePeopleStore(db),
    retention: new SqliteRetentionStore(db),
    compliance: new SqliteComplianceStore(db),
    moderation: new SqliteModerationStore(db),
    moderationLedger: new SqliteModerationLedger(db),
    exportImports: new SqliteExportImportStore(db),
    accounts: catalog,
    catalog,
    execute: async (sql) => {
      db.exec(sql);
    },
    close: async () => {
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Stores on one pool in a schema of their own, dropped with everything in it on close. */
export function postgresStoresHarness(database: TestDatabase): StoresHarnessFactory {
  return async () => {
    const schema = uniqueSchemaName('stores_test');
    const stores = await openPostgresBackendStores(TEST_DATABASE_URL, { schema, poolSize: 4 });
    return {
      foiaStore: stores.foiaStore,
      bundleStore: stores.bundleStore,
      people: stores.people,
      retention: stores.retention,
      compliance: stores.complianceStore,
      moderation: stores.moderation,
      moderationLedger: stores.moderationLedger,
      exportImports: stores.exportImports,
      accounts: stores.catalog,
      catalog: stores.catalog,
      execute: (sql) => database.executeIn(schema, sql),
      close: async () => {
        await stores.close();
        await database.dropSchema(schema);
      },
    };
  };
}
