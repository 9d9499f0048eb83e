import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Copies a SQLite catalog that a running service may be writing, with SQLite's online backup API, into `target`.
 * The copy is one consistent state of the database: every page is copied in one step under a read transaction,
 * so writers (WAL) carry on and the copy never mixes two moments.
 */
export async function snapshotSqliteCatalog(source: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new Error(`there is no catalog at ${source}: is DATA_DIR the installation's?`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(target, { progress: () => Number.MAX_SAFE_INTEGER });
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
