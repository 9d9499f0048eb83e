import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { loadConfig } from '@verbatim/config';
import type { JobStatus } from '@verbatim/core';
import { Shutdown, createLogger } from '@verbatim/runtime';
import { RunningProcess, runProcess } from '@verbatim/embedded-service';
import { startS3rverProcess } from '@verbatim/storage/testing';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** With CATALOG_BACKEND=postgres in the test process, instances keep their catalog in a schema of this database. */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

const REQUEST_TIMEOUT_MS = 20_000;

export interface TestInstance {
  baseUrl: string;
  adminToken: string;
  dataDir: string;
  queuePrefix: string;
  env: Record<string, string>;
  running: RunningProcess;
  /**
   * JSON request with a bearer token (the admin's unless another is given). The body is the API's JSON, which a
   * test reads as the response it expects and checks with expect(); a caller that wants it typed names T.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests' reading of bodies, as above
  request<T = any>(
    method: string,
    urlPath: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts the embedded process in this test process against the machine's Redis, isolated by a fresh data
 * directory, a random queue prefix and a random port, so parallel runs never see each other. With `logLines`,
 * its log (warnings and up, or from `logLevel`) is collected there, one JSON line each; otherwise it logs nothing.
 */
export async function startInstance(
  overrides: Record<string, string> = {},
  options: { logLines?: string[]; logLevel?: string } = {},
): Promise<TestInstance> {
  const dataDir = overrides.DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'verbatim-test-'));
  const queuePrefix = overrides.QUEUE_PREFIX ?? `vt${randomBytes(6).toString('hex')}`;
  const adminToken = `admin-${randomBytes(24).toString('hex')}`;
  const catalogEnv = postgresCatalogEnv();
  const s3 =
    process.env.STORAGE_BACKEND === 's3' && !overrides.STORAGE_BACKEND
      ? await startS3rverProcess(path.join(dataDir, 's3rver'), [TEST_BUCKET])
      : null;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    REDIS_URL: TEST_REDIS_URL,
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    JOB_LOCK_MS: '3000',
    ...catalogEnv,
    ...(s3 ? s3Env(s3.endpoint) : {}),
    ...overrides,
  };
  const config = loadConfig(env);
  const shutdown = new Shutdown();
  if (s3) shutdown.register('s3rver', () => s3.stop());
  const logLines = options.logLines;
  const logger = logLines
    ? createLogger(options.logLevel ?? 'warn', 'test', { write: (line: string) => void logLines.push(line) })
    : createLogger('silent', 'test');
  const running = await runProcess(config, config.redis.url, logger, shutdown);
  const baseUrl = `http://127.0.0.1:${running.port ?? 0}`;
  return {
    baseUrl,
    adminToken,
    dataDir,
    queuePrefix,
    env,
    running,
    async request<T>(
      method: string,
      urlPath: string,
      body?: unknown,
      token = adminToken,
    ): Promise<{ status: number; body: T }> {
      const response = await fetch(`${baseUrl}${urlPath}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        // A hung request fails with its own message rather than as a test timeout that names nothing.
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop(options = {}) {
      await shutdown.run();
      await deleteQueueKeys(queuePrefix);
      if (!options.keepData) {
        rmSync(dataDir, { recursive: true, force: true });
        // Only a schema made here: one a test passed in (or `public`) is not this instance's to drop.
        const ownSchema = catalogEnv.DATABASE_SCHEMA;
        if (ownSchema && env.DATABASE_SCHEMA === ownSchema) await dropCatalogSchema(env.DATABASE_URL, ownSchema);
      }
    },
  };
}

const TEST_BUCKET = 'verbatim-test-archive';

/** With STORAGE_BACKEND=s3 in the test process, each instance archives into a private s3rver over HTTP. */
function s3Env(endpoint: string): Record<string, string> {
  return {
    STORAGE_BACKEND: 's3',
    S3_BUCKET: TEST_BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
  };
}

/**
 * When the test process runs with CATALOG_BACKEND=postgres, each instance gets a fresh schema of its own on
 * DATABASE_URL (the local trust-auth server by default), dropped by stop(). Otherwise nothing: SQLite under DATA_DIR.
 */
function postgresCatalogEnv(): Record<string, string> {
  if (process.env.CATALOG_BACKEND !== 'postgres') return {};
  return {
    CATALOG_BACKEND: 'postgres',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `t_${randomBytes(6).toString('hex')}`,
  };
}

async function dropCatalogSchema(connectionString: string, schema: string): Promise<void> {
  // Made by postgresCatalogEnv: a plain identifier, safe to quote.
  const pool = new Pool({ connectionString, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Removes every Redis key of a test's queue prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A job as GET /api/v1/jobs/:jobId answers. */
export interface JobBody extends Omit<JobStatus, 'result'> {
  /** What the job's handler returned, which a test reads as its own job's result and checks with expect(). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as above, like a response body
  result?: any;
}

/** Polls a job until it completes or fails, returning its final status. */
export async function waitForJob(instance: TestInstance, jobId: string, timeoutMs = 60_000): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await instance.request<JobBody>('GET', `/api/v1/jobs/${jobId}`);
    if (status === 200 && (body.state === 'completed' || body.state === 'failed')) return body;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms (last: ${JSON.stringify(body)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Registers an agency and a mock account; returns the account's id. */
export async function registerMockAccount(
  instance: TestInstance,
  connector: Record<string, unknown>,
  handle = `town-${randomBytes(3).toString('hex')}`,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const agency = await instance.request<{ id: string }>('POST', '/api/v1/agencies', {
    name: 'Department of Public Works',
    kind: 'department',
  });
  if (agency.status !== 201) throw new Error(`agency: ${JSON.stringify(agency.body)}`);
  const account = await instance.request<{ id: string }>('POST', '/api/v1/accounts', {
    agencyId: agency.body.id,
    platform: 'facebook',
    handle,
    connector,
    ...fields,
  });
  if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.body)}`);
  return account.body.id;
}

/** Starts a sync over the API and waits for it to complete. */
export async function syncOnce(instance: TestInstance, accountId: string): Promise<JobBody> {
  const started = await instance.request<{ jobId: string }>('POST', `/api/v1/accounts/${accountId}/sync`);
  if (started.status !== 202) throw new Error(`sync: ${JSON.stringify(started.body)}`);
  const job = await waitForJob(instance, started.body.jobId);
  if (job.state !== 'completed') throw new Error(`sync job failed: ${job.error}`);
  return job;
}

/**
 * Overwrites an archived object behind the store's back, as a failing disk or an intruder would: the file under
 * DATA_DIR/objects, or s3rver's file when the instance archives to S3.
 */
export function tamperArchivedObject(instance: TestInstance, key: string, bytes: string): void {
  const file =
    instance.env.STORAGE_BACKEND === 's3'
      ? path.join(instance.dataDir, 's3rver', instance.env.S3_BUCKET, `${key}._S3rver_object`)
      : path.join(instance.dataDir, 'objects', key);
  chmodSync(file, 0o644);
  writeFileSync(file, bytes);
}
