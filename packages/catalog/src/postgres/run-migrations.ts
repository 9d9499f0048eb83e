import type { Pool } from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations';
import { quoteSchema, withTransaction } from './postgres-pool';

/** First key of the advisory lock taken while migrating; the second is the schema's hash. Arbitrary, fixed. */
const MIGRATION_LOCK_CLASS = 0x5645_5242; // "VERB"

/**
 * Applies, in one transaction, every migration not yet recorded in the schema's `schema_migrations`, and
 * returns the versions it applied. The transaction first takes an advisory lock on the schema's name, so when
 * several processes start together one migrates and the others wait, then find nothing left to do. The lock
 * is transaction-scoped: it is released by the commit or rollback, even if the process dies.
 */
export async function runPostgresMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const quoted = quoteSchema(schema);
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${quoted}.schema_migrations`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    // search_path is set per connection, but the schema may only just have been created: be explicit.
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
