import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog } from '@verbatim/catalog';
import { createConnector, type ConnectorConfigInput } from '@verbatim/connectors';
import type { Catalog, ObjectStore, Platform, SearchIndex } from '@verbatim/core';
import { openSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import type { SyncDependencies } from './sync-account';

export interface SyncStack {
  catalog: Catalog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  /** What syncAccount needs, on the parts above. */
  deps: SyncDependencies;
  accountId: string;
  close(): Promise<void>;
}

/**
 * One active account (a mock one unless told) on a fresh SQLite catalog (the search index in the same file) and
 * a filesystem object store in a temp directory, not synced yet.
 */
export async function openSyncStack(
  connector: ConnectorConfigInput,
  platform: Platform = 'facebook',
): Promise<SyncStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-ingest-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const searchIndex = openSqliteSearchIndex(db);
  const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
  const agency = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform,
    handle: 'clerk',
    status: 'active',
    connector,
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  return {
    catalog,
    searchIndex,
    objectStore,
    accountId: account.id,
    deps: { catalog, searchIndex, objectStore, createConnector },
    close: async () => {
      await searchIndex.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
