import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSearchIndexConformance, type SearchIndexFactory } from './search-index.conformance';
import { openSqliteSearchIndex, type SqliteSearchIndexOptions } from './sqlite/sqlite.search-index';

/** A SQLite index in a temp-file database in WAL mode, as the embedded deployment runs it. */
export function sqliteFactory(name: string, options?: SqliteSearchIndexOptions): SearchIndexFactory {
  return {
    name,
    async create() {
      const directory = mkdtempSync(join(tmpdir(), 'verbatim-search-'));
      const db = new Database(join(directory, 'catalog.db'));
      db.pragma('journal_mode = WAL');
      const index = openSqliteSearchIndex(db, options);
      return {
        index,
        async cleanup() {
          await index.close();
          db.close();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  };
}

const factories: SearchIndexFactory[] = [
  sqliteFactory('sqlite'),
  // Every match list cached: exercises the cache's incremental upkeep on every query of the suite.
  sqliteFactory('sqlite, every match list cached', { minCachedLeafRows: 1 }),
];

describe.each(factories)('SearchIndex conformance: $name', (factory) => {
  runSearchIndexConformance(factory);
});
