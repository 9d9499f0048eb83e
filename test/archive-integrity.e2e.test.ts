import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
import {
  registerMockAccount,
  startInstance,
  syncOnce,
  tamperArchivedObject,
  waitForJob,
  type TestInstance,
} from './support/start-instance';
import { deleteArchivedObject, rewriteCaptureHash, tamperAuditLog } from './support/tamper-archive';

const ROOT = path.join(__dirname, '..');
const AUDITOR = {
  name: 'Riley Chen',
  email: 'riley.chen@town.example',
  roles: ['auditor'],
  password: 'an auditor passphrase',
};
const CONNECTOR = { type: 'mock', seed: 23, posts: 30, maxCommentsPerPost: 4, pageSize: 10 };

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command asynchronously (the instance serves from this process) and collects its exit status and output. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`${command} did not run`, { cause: error }));
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** `verbatim verify …` through the installed command, against the instance's data. */
function verify(instance: TestInstance, ...args: string[]): Promise<CliRun> {
  const bin = path.join(ROOT, 'services', 'cli', 'bin', 'verbatim.cjs');
  return run(process.execPath, [bin, 'verify', ...args], { ...instance.env, LOG_LEVEL: 'silent' });
}

describe('archive integrity: verify, the capture chain, and corrupt objects refused', () => {
  let instance: TestInstance;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance();
    accountId = await registerMockAccount(instance, CONNECTOR);
    await syncOnce(instance, accountId);
    expect((await instance.request('POST', '/api/v1/users', AUDITOR)).status).toBe(201);
  }, 120_000);
  afterAll(() => instance.stop());

  /** Three records, each resting on a raw capture of its own. */
  async function recordsOnDistinctCaptures(): Promise<Array<{ id: string; sha256: string; key: string }>> {
    const { body } = await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=100`);
    const found = new Map<string, { id: string; sha256: string; key: string }>();
    for (const record of body.records as Array<{ id: string }>) {
      const { body: detail } = await instance.request('GET', `/api/v1/records/${record.id}`);
      const [capture] = detail.captures as Array<{ sha256: string; key: string }>;
      if (detail.captures.length === 1 && !found.has(capture.sha256))
        found.set(capture.sha256, { id: record.id, ...capture });
      if (found.size === 3) break;
    }
    return [...found.values()];
  }

  it('runs as npx verbatim from the checkout', async () => {
    const help = await run('npx', ['verbatim', '--help']);
    expect(help.code).toBe(0);
    for (const command of ['verify', 'import', 'reindex', 'drift', 'verify-bundle', 'tokens', 'users'])
      expect(help.stdout).toContain(command);
  }, 60_000);

  it('verifies an intact archive: exit status 0 and a summary', async () => {
    const intact = await verify(instance);
    expect(intact.stdout).toMatch(
      /^verified: 1 account\(s\), \d+ capture\(s\) and \d+ media file\(s\) checked, audit chain walked; everything is intact$/m,
    );
    expect(intact.code).toBe(0);
    const { body } = await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=1`);
    const { body: detail } = await instance.request('GET', `/api/v1/records/${body.records[0].id}`);
    expect(detail.integrity).toEqual({ ok: true, problems: [] });
    const usage = await verify(instance, '--since', 'last tuesday');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--since last tuesday is not a date');
  }, 60_000);

  it('names a changed byte, a deleted object and an edited capture row; the record and the download say so', async () => {
    const [altered, deleted, edited] = await recordsOnDistinctCaptures();
    tamperArchivedObject(instance, altered.key, 'tampered');
    deleteArchivedObject(instance, deleted.key);
    const forged = 'f'.repeat(64);
    await rewriteCaptureHash(instance, edited.sha256, forged);

    const result = await verify(instance, '--account', accountId);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `object_altered: capture ${altered.sha256} (object ${altered.key}, account ${accountId}) is altered`,
    );
    expect(result.stdout).toContain(
      `object_missing: capture ${deleted.sha256} (object ${deleted.key}, account ${accountId}) is missing from the object store`,
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `capture_missing: account ${accountId}: capture ${edited.sha256} \\(chain position \\d+\\) is missing from the catalog`,
      ),
    );
    expect(result.stdout).toContain(`capture_unlinked: account ${accountId}: capture ${forged}`);
    expect(result.stdout).toMatch(/^FAILED: 1 account\(s\), .*; 5 problem\(s\) found/m);

    const { body: record } = await instance.request('GET', `/api/v1/records/${altered.id}`);
    expect(record.integrity.ok).toBe(false);
    expect(record.integrity.problems).toEqual([
      expect.objectContaining({ kind: 'object_altered', key: altered.key, sha256: altered.sha256 }),
    ]);
    const { body: orphan } = await instance.request('GET', `/api/v1/records/${edited.id}`);
    expect(orphan.integrity.problems).toEqual([
      expect.objectContaining({
        kind: 'capture_missing',
        accountId,
        message: expect.stringContaining('cannot be read'),
      }),
    ]);

    const download = await instance.request('GET', `/api/v1/captures/${altered.sha256}`);
    expect(download.status).toBe(409);
    expect(download.body.error.code).toBe('archive_corrupt');
    expect(download.body.error.message).toContain(altered.key);

    // The same verification as an auditor's API job, its report the job's result.
    const auditor = await createToken(instance, 'auditor', ['auditor']);
    const started = await instance.request('POST', '/api/v1/verifications', { accountId }, auditor);
    expect(started.status).toBe(202);
    const job = await waitForJob(instance, started.body.jobId);
    expect(job.state).toBe('completed');
    const report = job.result as { ok: boolean; problems: Array<{ kind: string; message: string }> };
    expect(report.ok).toBe(false);
    expect(report.problems.map((problem) => `${problem.kind}: ${problem.message}`).sort()).toEqual(
      result.stdout
        .split('\n')
        .filter((line) => /^[a-z_]+: /.test(line))
        .sort(),
    );
    const officer = await createToken(instance, 'officer', ['foia-officer']);
    expect((await instance.request('POST', '/api/v1/verifications', {}, officer)).status).toBe(403);
    const refused = await instance.request('POST', '/api/v1/verifications', { since: 'yesterday' }, auditor);
    expect(refused.status).toBe(400);
    expect((await instance.request('POST', '/api/v1/verifications', { accountId: 'acc_none' }, auditor)).status).toBe(
      404,
    );
  }, 120_000);

  it("says so on the record's page, accessibly", async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page = await browser.newPage();
      await signIn(page, instance.baseUrl, AUDITOR);
      const { body } = await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=100`);
      const damaged = [];
      for (const record of body.records as Array<{ id: string }>) {
        const { body: detail } = await instance.request('GET', `/api/v1/records/${record.id}`);
        if (!detail.integrity.ok) damaged.push(detail);
      }
      expect(damaged.length).toBeGreaterThan(0);
      await page.goto(`${instance.baseUrl}/records/${damaged[0].id}`);
      const alert = page.getByRole('alert');
      await expect(alert.textContent()).resolves.toContain('Archive integrity problem');
      await expect(alert.textContent()).resolves.toContain(damaged[0].integrity.problems[0].message);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 120_000);

  it('names an audit entry edited and one deleted behind the application’s back, triggers off', async () => {
    await tamperAuditLog(instance, 2, 4);
    const result = await verify(instance);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^audit_chain: audit log: entry 2 was altered: its content no longer matches its hash$/m,
    );
    expect(result.stdout).toMatch(/^audit_chain: audit log: entry 4 is missing \(between 3 and 5\)$/m);
  }, 60_000);
});
