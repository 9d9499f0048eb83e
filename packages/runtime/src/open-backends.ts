import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@verbatim/config';
import type {
  Catalog,
  ExportImportStore,
  ModerationLedgerStore,
  ModerationStore,
  ObjectStore,
  PeopleStore,
  RetentionStore,
  SearchGenerations,
  SearchIndex,
} from '@verbatim/core';
import {
  SqliteBundleStore,
  SqliteComplianceStore,
  SqliteExportImportStore,
  SqliteFoiaStore,
  SqlitePeopleStore,
  SqliteRetentionStore,
  SqliteModerationStore,
  SqliteModerationLedger,
  openPostgresBackendStores,
  openSqliteCatalog,
  openThreadedSqliteCatalog,
} from '@verbatim/catalog';
import type { BundleStore, ComplianceStore, FoiaStore } from '@verbatim/foia';
import { openElasticsearchWithGenerations, SqliteSearchGenerations } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import type { Logger } from './logger';

export interface Backends {
  catalog: Catalog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  /** FOIA requests and their notification outbox, in the catalog's database. */
  foiaStore: FoiaStore;
  /** FOIA response bundles and the Bates counters, in the catalog's database. */
  bundleStore: BundleStore;
  /** People who sign in to the web application, and their sessions. */
  people: PeopleStore;
  /** Retention rules, legal holds and dispositions, in the catalog's database. */
  retention: RetentionStore;
  /** Policy documents, receipts, account people history, approvals and announced compliance. */
  complianceStore: ComplianceStore;
  /** Removal categories and moderation reviews. */
  moderation: ModerationStore;
  /** Every hide and disappearance, once. */
  moderationLedger: ModerationLedgerStore;
  /** Imports of platform exports and their reports. */
  exportImports: ExportImportStore;
  /** Rebuilding the search index beside the live one (reindex); absent where the backend cannot yet. */
  searchGenerations?: SearchGenerations;
  close(): Promise<void>;
}

/**
 * The one place adapters are chosen from configuration. Each chosen backend is checked to answer before the
 * process starts work, so a misconfiguration stops the start instead of failing at 3 a.m.
 */
export interface OpenBackendsOptions {
  logger?: Logger;
  /**
   * The process ingests (role ingest): a SQLite catalog then applies sync pages on a thread of its own, so they
   * run on the second core while the next pages are fetched and stored. No effect on PostgreSQL.
   */
  ingests?: boolean;
}

export async function openBackends(
  config: Pick<AppConfig, 'catalog' | 'search' | 'storage' | 'dataDir'>,
  options: OpenBackendsOptions = {},
): Promise<Backends> {
  const {
    catalog,
    foiaStore,
    bundleStore,
    people,
    retention,
    complianceStore,
    moderation,
    moderationLedger,
    exportImports,
    close: closeCatalog,
  } = await openCatalogStores(config.catalog, options.ingests ?? false);
  const { searchIndex, searchGenerations, warmUp } = await openSearchIndex(config.search).catch(
    async (error: unknown) => {
      await closeCatalog();
      throw error;
    },
  );
  const objectStore = await (async () => {
    const opened = await createObjectStore(config.storage, { logger: options.logger?.child({ name: 'storage' }) });
    await Promise.all([catalog.ping(), searchIndex.ping(), opened.ping()]);
    await warmUp();
    return opened;
  })().catch(async (error: unknown) => {
    // A PostgreSQL pool left open would keep a failed start from exiting.
    await searchIndex.close();
    await closeCatalog();
    throw error;
  });
  return {
    catalog,
    searchIndex,
    objectStore,
    foiaStore,
    bundleStore,
    people,
    retention,
    complianceStore,
    moderation,
    moderationLedger,
    exportImports,
    searchGenerations,
    async close() {
      await searchIndex.close();
      await closeCatalog();
    },
  };
}

type CatalogStores = Pick<
  Backends,
  | 'catalog'
  | 'foiaStore'
  | 'bundleStore'
  | 'people'
  | 'retention'
  | 'complianceStore'
  | 'moderation'
  | 'moderationLedger'
  | 'exportImports'
  | 'close'
>;

/**
 * The catalog chosen by CATALOG_BACKEND, with the FOIA, bundle and people stores beside it in the same
 * database: a SQLite file under DATA_DIR (the default), or a PostgreSQL schema, migrated at open, on one pool.
 */
async function openCatalogStores(settings: AppConfig['catalog'], ingests: boolean): Promise<CatalogStores> {
  if (settings.backend === 'postgres') {
    return openPostgresBackendStores(settings.connectionString, {
      schema: settings.schema,
      poolSize: settings.poolSize,
    });
  }
  mkdirSync(path.dirname(settings.file), { recursive: true });
  const { catalog, db } = ingests
    ? await openThreadedSqliteCatalog({ file: settings.file })
    : openSqliteCatalog({ file: settings.file });
  return {
    catalog,
    foiaStore: new SqliteFoiaStore(db),
    bundleStore: new SqliteBundleStore(db),
    people: new SqlitePeopleStore(db),
    retention: new SqliteRetentionStore(db),
    complianceStore: new SqliteComplianceStore(db),
    moderation: new SqliteModerationStore(db),
    moderationLedger: new SqliteModerationLedger(db),
    exportImports: new SqliteExportImportStore(db),
    close: () => catalog.close(),
  };
}

/**
 * The search index chosen by SEARCH_BACKEND: SQLite in its own file (the default), or Elasticsearch, whose
 * template and index are installed at open. `warmUp` runs once every backend has answered.
 */
async function openSearchIndex(
  settings: AppConfig['search'],
): Promise<{ searchIndex: SearchIndex; searchGenerations?: SearchGenerations; warmUp: () => Promise<void> }> {
  if (settings.backend === 'elasticsearch') {
    const { live, generations } = await openElasticsearchWithGenerations({
      node: settings.node,
      index: settings.index,
      auth: settings.auth,
    });
    return { searchIndex: live, searchGenerations: generations, warmUp: async () => undefined };
  }
  const generations = await SqliteSearchGenerations.open(settings.file);
  // Loads the index's in-memory caches, so the first search after a start is as fast as the rest.
  return {
    searchIndex: generations.live,
    searchGenerations: generations,
    warmUp: async () => generations.live.warmUp(),
  };
}
