import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/**
 * For tests: the database they use (`DATABASE_URL`, else the local trust-auth server CI also runs) and a fresh
 * schema per test, dropped afterwards, so runs sharing a server never see each other's rows.
 */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

/** A schema name no other run uses. */
export function uniqueSchemaName(prefix = 'catalog_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** A connection to the test database that can reach into any schema: to run raw SQL and to drop schemas. */
export class TestDatabase {
  private readonly pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });

  /** Runs one statement with `schema` first on the search path. */
  async executeIn(schema: string, sql: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(sql);
    } finally {
      await client.query('RESET search_path').catch(() => undefined);
      client.release();
    }
  }

  /** Rows of one query with `schema` first on the search path. */
  async queryIn<Row extends object>(schema: string, sql: string, params: unknown[] = []): Promise<Row[]> {
    const client = await this.pool.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query<Row>(sql, params)).rows;
    } finally {
      await client.query('RESET search_path').catch(() => undefined);
      client.release();
    }
  }

  async dropSchema(schema: string): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
