import Database from 'better-sqlite3';
import { runMigrations } from './migrations';

export interface SqliteCatalogOptions {
  /** Path of the database file; created with its schema when absent. */
  file: string;
  /**
   * Page cache in MiB (default 64): enough to keep the hot indexes of a few million records in memory.
   */
  cacheMiB?: number;
  /** Length of the record-id index's unsorted tail before it is merged (see RecordIdIndex); default 65536. */
  idMergeThreshold?: number;
}

/** Opens (creating if needed) and migrates a catalog file, configured for concurrent readers and fast ingest. */
export function openCatalogDatabase(options: SqliteCatalogOptions): Database.Database {
  const db = new Database(options.file);
  try {
    // Only takes effect when the file is new. Every commit writes whole pages to the WAL, and ingest commits
    // ~1 MB of rows per page of items: 16 KiB pages mean a quarter of the frames (measured ~10% faster).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable against process crashes; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
