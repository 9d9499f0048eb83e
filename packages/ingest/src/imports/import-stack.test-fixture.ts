import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteCatalog, SqliteExportImportStore } from '@verbatim/catalog';
import { findExportReader } from '@verbatim/connectors';
import type { Catalog, ExportImportStore, ObjectStore, SearchIndex } from '@verbatim/core';
import { openSqliteSearchIndex } from '@verbatim/search';
import { createObjectStore } from '@verbatim/storage';
import { importExport, type ImportDependencies } from './import-export';
import { storeExportUpload } from './store-export-upload';

export interface ImportStack {
  dir: string;
  catalog: Catalog;
  searchIndex: SearchIndex;
  objectStore: ObjectStore;
  exportImports: ExportImportStore;
  deps: ImportDependencies;
  accountId: string;
  /** Uploads the file as the API does, then runs its import; returns the import's id and report. */
  upload(
    filePath: string,
    fileName?: string,
  ): Promise<{ importId: string; report: Awaited<ReturnType<typeof importExport>> }>;
  close(): Promise<void>;
}

/** An import-only X account on a fresh SQLite catalog, search index and filesystem object store. */
export async function openImportStack(): Promise<ImportStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verbatim-import-'));
  const { catalog, db } = openSqliteCatalog({ file: path.join(dir, 'catalog.sqlite') });
  const searchIndex = openSqliteSearchIndex(db);
  const objectStore = await createObjectStore({ backend: 'fs', rootDir: path.join(dir, 'objects') });
  const exportImports = new SqliteExportImportStore(db);
  const agency = await catalog.createAgency({ name: 'Clerk', kind: 'department' });
  const account = await catalog.createAccount({
    agencyId: agency.id,
    platform: 'x',
    handle: 'townclerk',
    status: 'abandoned',
    connector: { type: 'import-only' },
    syncIntervalMinutes: 60,
    administrators: [],
    moderators: [],
  });
  const deps: ImportDependencies = { catalog, searchIndex, objectStore, exportImports, findExportReader };
  return {
    dir,
    catalog,
    searchIndex,
    objectStore,
    exportImports,
    deps,
    accountId: account.id,
    async upload(filePath, fileName = path.basename(filePath)) {
      const stored = await storeExportUpload(
        { objectStore, exportImports },
        { accountId: account.id, fileName, body: createReadStream(filePath), requestedBy: 'tok_test' },
      );
      return { importId: stored.id, report: await importExport(deps, stored.id) };
    },
    close: async () => {
      await searchIndex.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
