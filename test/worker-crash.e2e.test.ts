import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { MockPlatform } from '@verbatim/connectors';
import { TestInstance, registerMockAccount, startInstance, waitForJob } from './support/start-instance';

const ROOT = path.resolve(__dirname, '..');
const CONNECTOR = { type: 'mock' as const, seed: 5, posts: 1500, maxCommentsPerPost: 6, pageSize: 10 };

function startWorkerProcess(instance: TestInstance): ChildProcess {
  // node with tsx as a loader, not the tsx wrapper, so SIGKILL reaches the process that does the work.
  return spawn(process.execPath, ['--import', 'tsx', 'services/embedded/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...instance.env, ROLES: 'worker', JOB_LOCK_MS: '2000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** What these tests read of a listed record. */
interface ListedRecord {
  platformId: string;
  versionCount: number;
  status: string;
  contentHash: string;
}

async function listAll(instance: TestInstance, accountId: string): Promise<ListedRecord[]> {
  const records: ListedRecord[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      accountId,
      limit: '1000',
      sort: 'oldest',
      ...(cursor ? { cursor } : {}),
    });
    const { body } = await instance.request<{ records: ListedRecord[]; nextCursor: string | null }>(
      'GET',
      `/api/v1/records?${query}`,
    );
    records.push(...body.records);
    cursor = body.nextCursor;
  } while (cursor);
  return records;
}

async function waitForPages(instance: TestInstance, jobId: string, pages: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { body } = await instance.request('GET', `/api/v1/jobs/${jobId}`);
    if ((body?.progress?.pages ?? 0) >= pages) return;
    if (body?.state === 'completed')
      throw new Error('the sync finished before the worker could be killed; make the account larger');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${jobId} never reached ${pages} pages`);
}

describe('a worker killed with SIGKILL mid-sync', () => {
  let instance: TestInstance;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    instance = await startInstance({ ROLES: 'api' });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await instance.stop();
  });

  it('is resumed by another worker and ends with the same records and versions as a clean run', async () => {
    // Not yet approved, so no scheduler syncs them behind the test's back; a manual sync still runs.
    const crashed = await registerMockAccount(instance, CONNECTOR, 'crashed', { status: 'pending-approval' });
    const clean = await registerMockAccount(instance, CONNECTOR, 'clean', { status: 'pending-approval' });

    workers.push(startWorkerProcess(instance));
    const started = await instance.request('POST', `/api/v1/accounts/${crashed}/sync`);
    await waitForPages(instance, started.body.jobId, 30);
    workers[0].kill('SIGKILL');

    workers.push(startWorkerProcess(instance));
    const resumed = await waitForJob(instance, started.body.jobId, 120_000);
    expect(resumed.state).toBe('completed');
    expect(resumed.result.resumed).toBe(true);

    const cleanJob = await instance.request('POST', `/api/v1/accounts/${clean}/sync`);
    expect((await waitForJob(instance, cleanJob.body.jobId, 120_000)).state).toBe('completed');

    const [afterCrash, afterClean] = await Promise.all([listAll(instance, crashed), listAll(instance, clean)]);
    const truth = new MockPlatform(CONNECTOR).groundTruth(1);
    expect(afterClean).toHaveLength(truth.total);
    expect(afterCrash).toHaveLength(truth.total);
    const shape = (records: ListedRecord[]) =>
      records
        .map((record) => `${record.platformId}|${record.versionCount}|${record.status}|${record.contentHash}`)
        .sort();
    expect(shape(afterCrash)).toEqual(shape(afterClean));
    expect(afterCrash.every((record) => record.versionCount === 1)).toBe(true);
  }, 180_000);

  it('on SIGTERM stops at a page boundary, exits 0, and leaves the job for the next worker to resume', async () => {
    for (const earlier of workers.splice(0)) earlier.kill('SIGKILL');
    const accountId = await registerMockAccount(instance, CONNECTOR, 'terminated', { status: 'pending-approval' });
    const worker = startWorkerProcess(instance);
    workers.push(worker);
    const started = await instance.request('POST', `/api/v1/accounts/${accountId}/sync`);
    await waitForPages(instance, started.body.jobId, 20);
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);
    const { body: parked } = await instance.request('GET', `/api/v1/jobs/${started.body.jobId}`);
    expect(parked.state).toBe('waiting');
    const { body: account } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(account.sync.status).toBe('running');

    workers.push(startWorkerProcess(instance));
    const finished = await waitForJob(instance, started.body.jobId, 120_000);
    expect(finished.state).toBe('completed');
    expect(finished.result.resumed).toBe(true);
    expect(await listAll(instance, accountId)).toHaveLength(new MockPlatform(CONNECTOR).groundTruth(1).total);
  }, 180_000);
});
