import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '@verbatim/config';
import { backup, readBackupManifest, restore } from '@verbatim/runtime/backup';
import { eventually } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, waitForJob, type TestInstance } from './support/start-instance';

/** Every record id in an instance's catalog, read straight from the catalog (the search index may be rebuilding). */
async function recordIds(instance: TestInstance): Promise<string[]> {
  const documents = await instance.running.backends.catalog.listSearchDocuments(null, 100_000);
  return documents.map((document) => document.id);
}

/**
 * With CATALOG_BACKEND=postgres the dump restores its schema under its own name, so the restored instance gets a
 * database of its own; with SQLite nothing is needed.
 */
async function freshCatalogEnv(
  source: TestInstance,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (source.env.CATALOG_BACKEND !== 'postgres') return { env: {}, drop: async () => undefined };
  const database = `vb_restore_${randomBytes(5).toString('hex')}`;
  const admin = new Pool({ connectionString: source.env.DATABASE_URL, max: 1 });
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(source.env.DATABASE_URL);
  url.pathname = `/${database}`;
  return {
    env: { DATABASE_URL: url.toString(), DATABASE_SCHEMA: source.env.DATABASE_SCHEMA },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('backup and restore', () => {
  let source: TestInstance;
  let scratch: string;
  beforeAll(async () => {
    // The filesystem store, also in the scale-out run: restoring into a second s3rver is the same port at work.
    source = await startInstance({ STORAGE_BACKEND: 'fs' });
    scratch = mkdtempSync(path.join(os.tmpdir(), 'verbatim-backup-test-'));
  });
  afterAll(async () => {
    await source?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('backs up while a sync is writing, restores into a fresh directory, and a new instance reads the same records', async () => {
    const first = await registerMockAccount(source, { type: 'mock', seed: 31, posts: 20, maxCommentsPerPost: 5 });
    await syncOnce(source, first);
    const beforeBackup = await recordIds(source);
    expect(beforeBackup.length).toBeGreaterThan(20);

    const busy = await registerMockAccount(source, { type: 'mock', seed: 32, posts: 400, maxCommentsPerPost: 12 });
    const started = await source.request<{ jobId: string }>('POST', `/api/v1/accounts/${busy}/sync`);
    expect(started.status).toBe(202);
    await eventually(
      async () => ((await recordIds(source)).length > beforeBackup.length ? true : undefined),
      'the second sync writing records',
    );
    const backupDir = path.join(scratch, 'backup');
    const lines: string[] = [];
    const summary = await backup(loadConfig(source.env), backupDir, { report: (line) => lines.push(line) });
    const syncedMeanwhile = await waitForJob(source, started.body.jobId, 120_000);
    expect(syncedMeanwhile.state).toBe('completed');
    expect(summary.unreadableObjects).toEqual([]);
    expect(lines.at(-1)).toMatch(/^backup complete: \d+ files, \d+ objects/);

    const manifest = await readBackupManifest(backupDir);
    expect(manifest.searchIndex.included).toBe(false);
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining([manifest.catalog.file, 'configuration.json']),
    );
    expect(manifest.files.filter((file) => file.key).length).toBe(summary.objects);
    const configuration = readFileSync(path.join(backupDir, 'configuration.json'), 'utf8');
    expect(configuration).not.toContain(source.adminToken);
    expect(JSON.parse(configuration).bootstrapAdminToken).toBe('***');

    const catalog = await freshCatalogEnv(source);
    const target = mkdtempSync(path.join(scratch, 'restored-'));
    const targetEnv = {
      ...source.env,
      ...catalog.env,
      DATA_DIR: target,
      QUEUE_PREFIX: `vt${randomBytes(6).toString('hex')}`,
    };
    await expect(restore(loadConfig({ ...targetEnv, DATA_DIR: source.dataDir }), backupDir)).rejects.toThrow(
      /is not empty/,
    );
    const restoreLines: string[] = [];
    const restored = await restore(loadConfig(targetEnv), backupDir, { report: (line) => restoreLines.push(line) });
    expect(restored).toMatchObject({ verified: true, objects: summary.objects });
    expect(restoreLines.at(-1)).toMatch(/^restore complete and verified/);

    // Without the ingest role: the copy must not sync its accounts again while its records are compared.
    const copy = await startInstance({
      ...catalog.env,
      STORAGE_BACKEND: 'fs',
      DATA_DIR: target,
      ROLES: 'api,index,bundle,notify',
    });
    try {
      const restoredIds = await recordIds(copy);
      expect(restoredIds).toEqual(expect.arrayContaining(beforeBackup));
      const sourceIds = new Set(await recordIds(source));
      expect(restoredIds.every((id) => sourceIds.has(id))).toBe(true);
      const sample = [beforeBackup[0], beforeBackup.at(-1)!, restoredIds.at(-1)!];
      for (const id of sample) {
        const [original, again] = await Promise.all(
          [source, copy].map((instance) =>
            instance.request('GET', `/api/v1/records/${id}`, undefined, source.adminToken),
          ),
        );
        expect(again.status).toBe(200);
        expect(again.body.versions).toEqual(original.body.versions);
        expect(again.body.captures).toEqual(original.body.captures);
        const sha256 = again.body.captures[0].sha256;
        const download = await fetch(`${copy.baseUrl}/api/v1/captures/${sha256}`, {
          headers: { authorization: `Bearer ${source.adminToken}` },
        });
        expect(download.status).toBe(200);
        expect(download.headers.get('x-content-sha256')).toBe(sha256);
      }
      // The search index is rebuilt from the restored catalog at the first start.
      await eventually(
        async () => {
          const { body } = await copy.request('GET', '/api/v1/records?limit=1', undefined, source.adminToken);
          return body.total === restoredIds.length ? true : undefined;
        },
        'the restored search index to hold every record',
        60_000,
      );
    } finally {
      await copy.stop();
      await catalog.drop();
    }
  }, 240_000);

  it('refuses a tampered backup, naming the altered file, and restores nothing', async () => {
    await syncOnce(
      source,
      await registerMockAccount(source, { type: 'mock', seed: 33, posts: 3, maxCommentsPerPost: 1 }),
    );
    const backupDir = path.join(scratch, 'to-tamper');
    await backup(loadConfig(source.env), backupDir);
    const manifest = await readBackupManifest(backupDir);
    const victim = manifest.files.find((file) => file.key)!;
    appendFileSync(path.join(backupDir, victim.path), 'x');
    const missing = manifest.files.find((file) => file.key && file.path !== victim.path)!;
    rmSync(path.join(backupDir, missing.path));
    const target = path.join(scratch, 'never-restored');
    const attempt = restore(loadConfig({ ...source.env, DATA_DIR: target }), backupDir);
    await expect(attempt).rejects.toThrow(`${victim.path} is altered`);
    await expect(restore(loadConfig({ ...source.env, DATA_DIR: target }), backupDir)).rejects.toThrow(
      `${missing.path} is missing`,
    );
    expect(() => readFileSync(path.join(target, 'catalog.sqlite'))).toThrow();

    // `verbatim restore` says the same and exits 1.
    const cli = spawnSync(
      process.execPath,
      [path.join(__dirname, '..', 'services', 'cli', 'bin', 'verbatim.cjs'), 'restore', backupDir],
      { env: { ...process.env, ...source.env, DATA_DIR: target }, encoding: 'utf8' },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`${victim.path} is altered`);
    expect(cli.stderr).toContain(`${missing.path} is missing`);

    writeFileSync(path.join(backupDir, 'manifest.json'), '{"format":"something else","files":[]}');
    await expect(restore(loadConfig({ ...source.env, DATA_DIR: target }), backupDir)).rejects.toThrow(
      /is not a Verbatim backup/,
    );
  });
});
