import path from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { TestInstance } from './start-instance';

/**
 * Tables that a refused request may still write: the audit log (a refusal can be worth recording) and sessions.
 * Everything else — records, accounts, agencies, people, tokens, requests, holds, jobs… — must stay as it was.
 */
const MAY_CHANGE = /audit|session/i;

/**
 * A digest of an instance's catalog: the row count of every table, read behind the application's back from
 * SQLite or from the instance's PostgreSQL schema. Two equal digests mean no row was added or removed.
 */
export async function stateDigest(instance: TestInstance): Promise<Record<string, number>> {
  const counts = instance.env.DATABASE_SCHEMA ? await postgresCounts(instance.env) : sqliteCounts(instance.dataDir);
  return Object.fromEntries(Object.entries(counts).filter(([table]) => !MAY_CHANGE.test(table)));
}

function sqliteCounts(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'catalog.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * One pool per database, kept while digests follow each other: a new connection's first look at the catalog costs
 * PostgreSQL about 100 ms (its caches start cold), and a fuzz run takes two digests. Idle for 2 s, it closes.
 */
const pools = new Map<string, Pool>();

function poolFor(connectionString: string): Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new Pool({ connectionString, max: 1, idleTimeoutMillis: 2000, allowExitOnIdle: true });
    pools.set(connectionString, pool);
  }
  return pool;
}

async function postgresCounts(env: Record<string, string>): Promise<Record<string, number>> {
  const pool = poolFor(env.DATABASE_URL);
  const schema = env.DATABASE_SCHEMA;
  // pg_catalog, read on a warm connection (see poolFor).
  const { rows } = await pool.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  );
  if (rows.length === 0) return {};
  // Every table counted in one statement: one round trip per digest, however many tables the catalog has.
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const { rows: counted } = await pool.query<{ name: string; n: string }>(
    rows
      .map(
        ({ table_name: table }, index) =>
          `SELECT $${index + 1}::text AS name, count(*) AS n FROM ${quoted(schema)}.${quoted(table)}`,
      )
      .join(' UNION ALL '),
    rows.map(({ table_name: table }) => table),
  );
  return Object.fromEntries(counted.map(({ name, n }) => [name, Number(n)]));
}
