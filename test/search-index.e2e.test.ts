import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, waitForJob, type TestInstance } from './support/start-instance';

describe('the search index over HTTP: drift check and a zero-downtime reindex', () => {
  let instance: TestInstance;

  beforeAll(async () => {
    instance = await startInstance();
    const accountId = await registerMockAccount(instance, {
      type: 'mock',
      seed: 41,
      posts: 150,
      maxCommentsPerPost: 8,
      pageSize: 100,
    });
    await syncOnce(instance, accountId);
    await syncOnce(instance, accountId);
  });
  afterAll(async () => {
    await instance.stop();
  });

  it('reports the index in step with the catalog', async () => {
    const state = await instance.request('GET', '/api/v1/search-index');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ rebuildable: true, reindex: null });
    expect(state.body.documents).toBe(state.body.catalogRecords);
    const drift = await instance.request('POST', '/api/v1/search-index/drift-check', { sampleSize: 300 });
    expect(drift.status).toBe(200);
    expect(drift.body).toMatchObject({
      ok: true,
      accounts: [],
      sample: { compared: true, missing: [], different: [] },
    });
    expect(drift.body.sample.checked).toBeGreaterThan(100);
  });

  it('rebuilds the index while searches keep answering, then switches to the new generation', async () => {
    const before = await instance.request('GET', '/api/v1/records?q=road&limit=100');
    const started = await instance.request('POST', '/api/v1/search-index/reindex');
    expect(started.status).toBe(202);
    // One at a time: a second request while the first is queued or running is refused with its job id.
    const second = await instance.request('POST', '/api/v1/search-index/reindex');
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toContain(started.body.jobId);

    const answers: number[] = [];
    let done = false;
    const searching = (async () => {
      while (!done) answers.push((await instance.request('GET', '/api/v1/records?q=road&limit=100')).status);
    })();
    const job = await waitForJob(instance, started.body.jobId);
    done = true;
    await searching;
    expect(job.state).toBe('completed');
    expect(job.result).toMatchObject({ copied: before.body.total > 0 ? expect.any(Number) : 0, resumed: false });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);

    const pointer = path.join(instance.dataDir, 'search.current.json');
    expect(existsSync(pointer)).toBe(true);
    expect(JSON.parse(readFileSync(pointer, 'utf8')).file).toMatch(/^search\.g\d+\.sqlite$/);
    const after = await instance.request('GET', '/api/v1/records?q=road&limit=100');
    expect(after.body.total).toBe(before.body.total);
    expect(after.body.records.map((record: { id: string }) => record.id)).toEqual(
      before.body.records.map((record: { id: string }) => record.id),
    );
    const state = await instance.request('GET', '/api/v1/search-index');
    expect(state.body.reindex).toMatchObject({ id: started.body.jobId, state: 'completed' });
    expect(state.body.documents).toBe(state.body.catalogRecords);
    expect((await instance.request('POST', '/api/v1/search-index/drift-check')).body.ok).toBe(true);
  });

  it('runs from the command line too: npm run reindex follows the job, npm run search-drift prints the report', async () => {
    const cli = path.join(__dirname, '..', 'services', 'cli', 'bin', 'verbatim.cjs');
    const run = (command: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, command], {
          env: { ...process.env, ...instance.env, LOG_LEVEL: 'silent' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const reindexed = await run('reindex');
    expect(reindexed.stderr).toMatch(/reindex started \(job reindex-\d+\)/);
    expect(reindexed.code).toBe(0);
    expect(JSON.parse(reindexed.stdout)).toMatchObject({ resumed: false, copied: expect.any(Number) });
    const drift = await run('drift');
    expect(drift.code).toBe(0);
    expect(JSON.parse(drift.stdout)).toMatchObject({ ok: true });
    expect(drift.stderr).toContain('the search index matches the catalog');
  });

  it('is for IT only', async () => {
    const officer = await createToken(instance, 'officer', ['foia-officer']);
    expect((await instance.request('POST', '/api/v1/search-index/reindex', undefined, officer)).status).toBe(403);
    expect((await instance.request('POST', '/api/v1/search-index/drift-check', { sampleSize: 0 })).status).toBe(400);
  });
});
