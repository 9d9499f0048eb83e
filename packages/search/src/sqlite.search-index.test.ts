import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSearchIndexConformance, type SearchIndexFactory } from './search-index.conformance';
import { openSqliteSearchIndex, type SqliteSearchIndexOptions } from './sqlite/sqlite.search-index';
import { openThreadedSqliteSearchIndex } from './sqlite/threaded/threaded.search-index';

/** A SQLite index sharing a temp-file database in WAL mode (the catalog's, in tests that open both). */
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

/** The index in its own file, written by its own thread, as the embedded deployment runs it. */
const threadedFactory: SearchIndexFactory = {
  name: 'sqlite, own file, writer thread',
  async create() {
    const directory = mkdtempSync(join(tmpdir(), 'verbatim-search-'));
    const index = await openThreadedSqliteSearchIndex(join(directory, 'search.sqlite'));
    return {
      index,
      async cleanup() {
        await index.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  },
};

const factories: SearchIndexFactory[] = [
  sqliteFactory('sqlite'),
  threadedFactory,
  // Every match list cached: exercises the cache's incremental upkeep on every query of the suite.
  sqliteFactory('sqlite, every match list cached', { minCachedLeafRows: 1 }),
];

describe.each(factories)('SearchIndex conformance: $name', (factory) => {
  runSearchIndexConformance(factory);
});
