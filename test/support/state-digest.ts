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

async function postgresCounts(env: Record<string, string>): Promise<Record<string, number>> {
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
  try {
    const schema = env.DATABASE_SCHEMA;
    const { rows } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [schema],
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of rows) {
      const result = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}"."${table.replace(/"/g, '""')}"`,
      );
      counts[table] = Number(result.rows[0].n);
    }
    return counts;
  } finally {
    await pool.end();
  }
}
