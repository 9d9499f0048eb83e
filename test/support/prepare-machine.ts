/**
 * The first step of `npm test`: makes sure this machine can run the suite, so the README's two commands are all
 * the set-up. Redis must answer at REDIS_URL (default 127.0.0.1:6379), PostgreSQL at DATABASE_URL, and the system
 * tools the tests drive must be installed. As root with apt-get, a missing tool is installed from Debian's packages
 * and a loopback Redis that does not answer is started, as `npm start` does; otherwise it stops with one line
 * naming what to install or start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { Pool } from 'pg';
import { redisAnswers } from '@verbatim/queue';
import { canInstallDebianPackages, commandExists, installDebianPackages } from '@verbatim/runtime';

// The same defaults as the tests' own (test/support/start-instance.ts, postgres-test-database.ts).
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Each program the tests run, and the Debian package that brings it. */
const TOOLS: Array<{ tool: string; debianPackage: string; present(): boolean }> = [
  ...['pdftotext', 'pdfinfo', 'pdffonts'].map((tool) => ({
    tool,
    debianPackage: 'poppler-utils',
    present: () => commandExists(tool),
  })),
  { tool: 'qpdf', debianPackage: 'qpdf', present: () => commandExists('qpdf') },
  // playwright-core drives Debian's build; it never downloads a browser of its own.
  { tool: CHROMIUM, debianPackage: 'chromium', present: () => existsSync(CHROMIUM) },
  // `docker-compose config` checks docker-compose.yml; no Docker engine is needed.
  { tool: 'docker-compose', debianPackage: 'docker-compose', present: () => commandExists('docker-compose') },
  // The tests that take Redis down and up again run a redis-server of their own.
  { tool: 'redis-server', debianPackage: 'redis-server', present: () => commandExists('redis-server') },
  // A signed bundle is checked with openssl alone, as the README tells anyone to.
  { tool: 'openssl', debianPackage: 'openssl', present: () => commandExists('openssl') },
  // The PostgreSQL backup is a pg_dump, restored with pg_restore.
  ...['pg_dump', 'pg_restore'].map((tool) => ({
    tool,
    debianPackage: 'postgresql-client',
    present: () => commandExists(tool),
  })),
];

function say(line: string): void {
  console.log(`test setup: ${line}`);
}

function stop(line: string): never {
  console.error(`test setup: ${line}`);
  process.exit(1);
}

function ensureTools(): void {
  const missing = TOOLS.filter((entry) => !entry.present());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((entry) => entry.debianPackage))];
  const tools = missing.map((entry) => entry.tool).join(', ');
  if (!canInstallDebianPackages()) {
    stop(
      `${tools} not found: install the Debian packages ${packages.join(' ')} (apt-get install ${packages.join(' ')}), then run npm test again`,
    );
  }
  say(`${tools} not found: installing the Debian packages ${packages.join(' ')}`);
  const installed = installDebianPackages(packages, ['ignore', 'ignore', 'inherit']);
  const still = missing.filter((entry) => !entry.present());
  if (!installed || still.length > 0)
    stop(`apt-get install ${packages.join(' ')} failed: ${still.map((entry) => entry.tool).join(', ') || 'see above'}`);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts a daemonized redis-server on the loopback port of REDIS_URL, keeping nothing on disk, as CI's own does. */
async function ensureRedis(): Promise<void> {
  if (await redisAnswers(REDIS_URL)) return;
  const url = new URL(REDIS_URL);
  if (!LOOPBACK.has(url.hostname))
    stop(`no Redis answers at ${REDIS_URL}: start it there, or unset REDIS_URL to use one on 127.0.0.1:6379`);
  const port = url.port || '6379';
  const started = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      port,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      os.tmpdir(),
    ],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; started.status === 0 && attempt < 50; attempt += 1) {
    if (await redisAnswers(REDIS_URL, 500)) {
      say(`no Redis answered at ${REDIS_URL}: started redis-server on port ${port}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop(`no Redis answers at ${REDIS_URL}, and redis-server started on port ${port} did not answer either`);
}

/** PostgreSQL is one of the services the machine provides; this only says so early, in one line, when it is not there. */
async function checkPostgres(): Promise<void> {
  const pool = new Pool({ connectionString: DATABASE_URL, max: 1, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    stop(
      `no PostgreSQL answers at ${DATABASE_URL} (${(error as Error).message}): start one, or point DATABASE_URL at one`,
    );
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  ensureTools();
  await ensureRedis();
  await checkPostgres();
  say(
    `Redis, PostgreSQL and ${TOOLS.map((entry) => entry.tool).join(', ')} are ready (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

void main();
