import Database from 'better-sqlite3';

/**
 * Opens (creating if needed) a database file of its own for the search index. Its own file means its own
 * write lock: a writer thread indexing one page runs while the catalog commits the next, instead of waiting.
 */
export function openSearchDatabase(file: string, options: { cacheMiB?: number } = {}): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // The index is derived: a lost commit is re-queued from the catalog's backlog, so NORMAL is plenty.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
