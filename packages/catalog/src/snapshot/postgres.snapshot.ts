import { spawn } from 'node:child_process';
import { Pool } from 'pg';

/**
 * Dumps the catalog's PostgreSQL schema with `pg_dump` (custom format): pg_dump reads every table in one
 * REPEATABLE READ snapshot, so the dump is one consistent state while the service keeps writing.
 */
export async function dumpPostgresCatalog(connectionString: string, schema: string, target: string): Promise<void> {
  await runTool('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    `--schema=${schema}`,
    `--file=${target}`,
    connectionString,
  ]);
}

/**
 * Restores a dump made by `dumpPostgresCatalog` into the database of `connectionString`, whose schema must be
 * absent or empty: a restore never merges into a catalog in use.
 */
export async function restorePostgresCatalog(connectionString: string, schema: string, dump: string): Promise<void> {
  const pool = new Pool({ connectionString, max: 1 });
  try {
    const { rows } = await pool.query<{ count: string }>(
      'SELECT count(*) AS count FROM information_schema.tables WHERE table_schema = $1',
      [schema],
    );
    if (Number(rows[0].count) > 0)
      throw new Error(
        `the schema ${schema} already holds ${rows[0].count} tables: restore into an empty database or schema`,
      );
    // The dump creates its schema; `public` is the one it expects to exist.
    if (schema !== 'public') await pool.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}"`);
  } finally {
    await pool.end();
  }
  await runTool('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    `--dbname=${connectionString}`,
    dump,
  ]);
}

function runTool(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (error) =>
      reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client tools`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${errors.trim().slice(0, 2000)}`)),
    );
  });
}
