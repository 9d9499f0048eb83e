import type { ClientBase, CustomTypesConfig, Pool, PoolClient } from 'pg';

/** Anything that runs a query: the pool (one statement, autocommit) or a client inside a transaction. */
export type Queryable = Pick<ClientBase, 'query'>;

/** OIDs of the built-in types whose default JavaScript form the catalog changes. */
const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;

/** A schema name the catalog accepts: a plain lower-case identifier, so it never needs quoting rules beyond ours. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PoolOptions {
  connectionString: string;
  schema: string;
  poolSize: number;
}

/**
 * The port speaks ISO-8601 strings (`toISOString()`: UTC, milliseconds) and plain numbers. Instants are stored
 * as timestamptz (microsecond precision, so milliseconds survive) and read back through pg's own parser into
 * a Date and out as `toISOString()`, so what was written is what is read. Counts and identity columns are
 * int8, which pg returns as strings by default; the catalog's never approach 2^53.
 */
async function catalogTypes(): Promise<CustomTypesConfig> {
  const { types } = await import('pg');
  const parseInt8 = (value: string): number => Number(value);
  const parseTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date;
  const parseInstant = (value: string): string => parseTimestamptz(value).toISOString();
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8_OID && format !== 'binary') return parseInt8;
      if (oid === TIMESTAMPTZ_OID && format !== 'binary') return parseInstant;
      return types.getTypeParser(oid, format) as (value: string) => unknown;
    }) as CustomTypesConfig['getTypeParser'],
  };
}

/** Quotes a schema name after checking it is one the catalog accepts. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema name "${schema}" must be lower-case letters, digits and underscores`);
  }
  return `"${schema}"`;
}

/**
 * Opens a pool whose every connection works in `schema` (search_path set at connection start) and in UTC.
 * pg is imported here, not at the top of the module, so deployments on SQLite never load it.
 */
export async function createCatalogPool(options: PoolOptions): Promise<Pool> {
  quoteSchema(options.schema);
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    // Validated by quoteSchema: a plain identifier, so it needs no quoting inside the startup options.
    options: `-c search_path=${options.schema} -c TimeZone=UTC`,
    types: await catalogTypes(),
  });
  // An idle connection that breaks (server restart, network) is dropped by the pool, which opens a new one for
  // the next query; that query fails loudly if the server is still away. Without a listener the 'error' event
  // would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` in one READ COMMITTED transaction on a client of its own, committing when it resolves and
 * rolling back when it throws. Writers that read before they write lock the rows they read (see callers).
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query('BEGIN');
    result = await work(client);
    await client.query('COMMIT');
  } catch (error) {
    // A client whose rollback failed is in an unknown state: destroy it rather than return it to the pool.
    const rollbackError = await client.query('ROLLBACK').then(
      () => undefined,
      (failure: Error) => failure,
    );
    client.release(rollbackError);
    throw error;
  }
  client.release();
  return result;
}

/** SQLSTATE of the PostgreSQL error, when `error` is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const FOREIGN_KEY_VIOLATION = '23503';
