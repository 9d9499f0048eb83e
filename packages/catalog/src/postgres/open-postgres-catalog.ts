import type { Pool } from 'pg';
import { createCatalogPool, quoteSchema } from './postgres-pool';
import { PostgresCatalog } from './postgres.catalog';
import { runPostgresMigrations } from './run-migrations';

export interface PostgresCatalogOptions {
  /** `postgres://user:password@host:port/database`, as in `DATABASE_URL`. */
  connectionString: string;
  /**
   * Schema holding the catalog's tables (default `public`), created when absent. Lower-case letters, digits
   * and underscores. Several catalogs can share a database in schemas of their own (tests do).
   */
  schema?: string;
  /** Connections this process keeps open at most (default 10): bounds concurrent queries, not workers. */
  poolSize?: number;
}

/**
 * Connects and migrates the schema (once, however many processes start together). Throws, with the pool
 * closed, when the database cannot be reached or migrated.
 */
export async function openMigratedPool(options: PostgresCatalogOptions): Promise<Pool> {
  const schema = options.schema ?? 'public';
  quoteSchema(schema);
  const pool = await createCatalogPool({
    connectionString: options.connectionString,
    schema,
    poolSize: options.poolSize ?? 10,
  });
  try {
    await runPostgresMigrations(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** Connects, migrates the schema and returns the catalog, which owns the pool. */
export async function openPostgresCatalog(options: PostgresCatalogOptions): Promise<PostgresCatalog> {
  return new PostgresCatalog(await openMigratedPool(options));
}
