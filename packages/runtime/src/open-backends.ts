import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@verbatim/config';
import type { Catalog, ObjectStore, PeopleStore, SearchGenerations, SearchIndex } from '@verbatim/core';
import { SqliteBundleStore, SqliteFoiaStore, SqlitePeopleStore, openSqliteCatalog } from '@verbatim/catalog';
import type { BundleStore, FoiaStore } from '@verbatim/foia';
import { openElasticsearchWithGenerations, SqliteSearchGenerations } from '@verbatim/search';
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
  /** Rebuilding the search index beside the live one (reindex); absent where the backend cannot yet. */
  searchGenerations?: SearchGenerations;
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
  const { searchIndex, searchGenerations, warmUp } = await openSearchIndex(config.search).catch(async (error: unknown) => {
    await catalog.close();
    throw error;
  });
  const objectStore = await createObjectStore(config.storage);
  await Promise.all([catalog.ping(), searchIndex.ping(), objectStore.ping()]);
  await warmUp();
  return {
    catalog,
    searchIndex,
    objectStore,
    foiaStore,
    bundleStore,
    people,
    searchGenerations,
    async close() {
      await searchIndex.close();
      await catalog.close();
    },
  };
}

/**
 * The search index chosen by SEARCH_BACKEND: SQLite in its own file (the default), or Elasticsearch, whose
 * template and index are installed at open. `warmUp` runs once every backend has answered.
 */
async function openSearchIndex(settings: AppConfig['search']): Promise<{ searchIndex: SearchIndex; searchGenerations?: SearchGenerations; warmUp: () => Promise<void> }> {
  if (settings.backend === 'elasticsearch') {
    const { live, generations } = await openElasticsearchWithGenerations({ node: settings.node, index: settings.index, auth: settings.auth });
    return { searchIndex: live, searchGenerations: generations, warmUp: async () => undefined };
  }
  const generations = await SqliteSearchGenerations.open(settings.file);
  // Loads the index's in-memory caches, so the first search after a start is as fast as the rest.
  return { searchIndex: generations.live, searchGenerations: generations, warmUp: async () => generations.live.warmUp() };
}
