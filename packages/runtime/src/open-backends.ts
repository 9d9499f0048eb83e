import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@verbatim/config';
import type { Catalog, ObjectStore, PeopleStore, SearchIndex } from '@verbatim/core';
import { SqliteBundleStore, SqliteFoiaStore, SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import type { BundleStore, FoiaStore } from '@verbatim/foia';
import { openThreadedSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';

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
  close(): Promise<void>;
}

/**
 * The one place adapters are chosen from configuration. Each chosen backend is checked to answer before the
 * process starts work, so a misconfiguration stops the start instead of failing at 3 a.m.
 */
export async function openBackends(config: Pick<AppConfig, 'catalog' | 'search' | 'storage' | 'dataDir'>): Promise<Backends> {
  mkdirSync(path.dirname(config.catalog.file), { recursive: true });
  const { catalog, db } = openSqliteCatalog({ file: config.catalog.file });
  const foiaStore = new SqliteFoiaStore(db);
  const bundleStore = new SqliteBundleStore(db);
  const people = new SqlitePeopleStore(db);
  const searchIndex = await openThreadedSqliteSearchIndex(config.search.file).catch(async (error: unknown) => {
    await catalog.close();
    throw error;
  });
  const objectStore = await createObjectStore(config.storage);
  await Promise.all([catalog.ping(), searchIndex.ping(), objectStore.ping()]);
  // Loads the index's in-memory caches now, so the first search after a start is as fast as the rest.
  await searchIndex.warmUp();
  return {
    catalog,
    searchIndex,
    objectStore,
    foiaStore,
    bundleStore,
    people,
    async close() {
      await searchIndex.close();
      await catalog.close();
    },
  };
}
