import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
import { parsePrometheusText, sumOf, type Exposition } from './support/prometheus-text';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const CLERK = {
  name: 'Lee Park',
  email: 'lee.park@town.example',
  roles: ['foia-officer'],
  password: 'clerk passphrase 2025',
};
const METRICS_TOKEN = randomBytes(24).toString('hex');
/** A search whose words must never reach the access log. */
const SECRET_QUERY = 'zoning variance whistleblower';

async function scrape(baseUrl: string): Promise<Exposition> {
  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await response.text());
}

/** Scrapes until `ready` holds: worker events and capture counts land just after the job reads as completed. */
async function scrapeUntil(baseUrl: string, ready: (exposition: Exposition) => boolean): Promise<Exposition> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const exposition = await scrape(baseUrl);
    if (ready(exposition) || Date.now() > deadline) return exposition;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('observability: /metrics, the access log and the recent jobs', () => {
  let instance: TestInstance;
  const logLines: string[] = [];
  let accountId: string;
  let before: Exposition;

  beforeAll(async () => {
    instance = await startInstance(
      { METRICS_TOKEN, ATTORNEY_NOTIFY_EMAILS: 'attorney@town.example' },
      { logLines, logLevel: 'info' },
    );
    expect((await instance.request('POST', '/api/v1/users', IT)).status).toBe(201);
    expect((await instance.request('POST', '/api/v1/users', CLERK)).status).toBe(201);
    before = await scrape(instance.baseUrl);
    accountId = await registerMockAccount(instance, { type: 'mock', seed: 19, posts: 40, maxCommentsPerPost: 4 });
    await syncOnce(instance, accountId);
    const search = await instance.request('GET', `/api/v1/records?q=${encodeURIComponent(SECRET_QUERY)}&limit=5`);
    expect(search.status).toBe(200);
    // A job that fails for good at once: its account does not exist.
    await instance.running.queue.add('sync-account', { accountId: 'no-such-account' }, { jobId: 'metrics-fails-once' });
  });
  afterAll(async () => {
    await instance.stop();
  });

  it('serves every metric family, and the counts move after a sync and a search', async () => {
    const after = await scrapeUntil(
      instance.baseUrl,
      (exposition) =>
        sumOf(exposition, 'verbatim_job_duration_seconds_count', { queue: 'sync', outcome: 'failed' }) >= 1 &&
        sumOf(exposition, 'verbatim_captures_total') > 0,
    );
    expect(after.types.get('verbatim_http_request_duration_seconds')).toBe('histogram');
    expect(after.types.get('verbatim_job_duration_seconds')).toBe('histogram');
    expect(after.types.get('verbatim_search_duration_seconds')).toBe('histogram');
    expect(after.types.get('verbatim_captures_total')).toBe('counter');
    expect(after.types.get('verbatim_captured_items_total')).toBe('counter');
    expect(after.types.get('verbatim_queue_jobs')).toBe('gauge');
    expect(after.types.get('verbatim_notification_outbox_pending')).toBe('gauge');

    // Requests by route pattern and status: the search's route, never its path with the query or an id.
    const searches = { method: 'GET', route: '/api/v1/records', status: '200' };
    expect(sumOf(after, 'verbatim_http_request_duration_seconds_count', searches)).toBe(
      sumOf(before, 'verbatim_http_request_duration_seconds_count', searches) + 1,
    );
    expect(sumOf(after, 'verbatim_http_request_duration_seconds_count', { route: '/api/v1/accounts/:id/sync' })).toBe(
      1,
    );
    const routes = after.samples.map((sample) => sample.labels.route).filter(Boolean);
    expect(routes.some((route) => route.includes(accountId) || route.includes('zoning'))).toBe(false);

    expect(sumOf(after, 'verbatim_search_duration_seconds_count')).toBe(
      sumOf(before, 'verbatim_search_duration_seconds_count') + 1,
    );
    expect(sumOf(after, 'verbatim_captures_total', { platform: 'facebook' })).toBeGreaterThan(0);
    expect(sumOf(after, 'verbatim_captured_items_total', { platform: 'facebook' })).toBeGreaterThan(40);
    // The sync, and the scheduler's ticks that share its queue.
    expect(
      sumOf(after, 'verbatim_job_duration_seconds_count', { queue: 'sync', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'verbatim_job_duration_seconds_count', { queue: 'sync', outcome: 'failed' })).toBe(1);

    // Queue depths for each queue and state, read from Redis at the scrape: the failed job is counted.
    for (const queue of ['sync', 'bundle', 'notify', 'search-index'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(
          after.samples.some(
            (s) => s.name === 'verbatim_queue_jobs' && s.labels.queue === queue && s.labels.state === state,
          ),
        ).toBe(true);
    expect(sumOf(after, 'verbatim_queue_jobs', { queue: 'sync', state: 'failed' })).toBe(1);
    expect(sumOf(after, 'verbatim_notification_outbox_pending')).toBe(0);
  });

  it('counts a logged FOIA request in the outbox backlog until it is delivered', async () => {
    const officer = await createToken(instance, 'officer', ['foia-officer']);
    const request = {
      requester: { name: 'Dana Reyes', email: 'dana@example.org' },
      receivedAt: new Date().toISOString(),
      description: 'All comments on the road repairs post.',
    };
    const logged = await instance.request('POST', '/api/v1/foia-requests', request, officer);
    expect(logged.status).toBe(201);
    // No SMTP nor webhook is configured here, so the deliveries stay pending: the backlog IT should see.
    const exposition = await scrape(instance.baseUrl);
    expect(sumOf(exposition, 'verbatim_notification_outbox_pending')).toBeGreaterThan(0);
  });

  it('writes one access line per request, without query text, tokens or cookies', async () => {
    const leakyToken = `leaky-${randomBytes(16).toString('hex')}`;
    expect((await instance.request('GET', '/api/v1/records?q=whistleblower', undefined, leakyToken)).status).toBe(401);
    // A page search without a session: sent to sign in, logged under its route without the words.
    const page = await fetch(`${instance.baseUrl}/search?q=whistleblower`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const access = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(access.find((entry) => entry.route === '/search')).toMatchObject({ method: 'GET', status: 303 });
    const search = access.find((entry) => entry.route === '/api/v1/records' && entry.status === 200);
    expect(search).toMatchObject({ method: 'GET', route: '/api/v1/records', status: 200, name: 'access' });
    expect(typeof search.durationMs).toBe('number');
    expect(typeof search.principal).toBe('string');
    expect(access.find((entry) => entry.status === 401)).toMatchObject({ route: '(unmatched)', principal: null });
    const accessText = logLines.filter((line) => line.includes('"msg":"request"')).join('\n');
    for (const secret of ['zoning', 'whistleblower', leakyToken, instance.adminToken, 'cookie', 'authorization'])
      expect(accessText).not.toContain(secret);
    expect(accessText).not.toContain(accountId);
  });

  it('lists recent jobs for IT, filtered by state and queue, with timings and failure reasons', async () => {
    const all = await instance.request('GET', '/api/v1/jobs');
    expect(all.status).toBe(200);
    expect(all.body.queues).toEqual(['sync', 'bundle', 'notify', 'search-index']);
    const sync = all.body.jobs.find(
      (job: { name: string; state: string }) => job.name === 'sync-account' && job.state === 'completed',
    );
    expect(sync).toMatchObject({ queue: 'sync', state: 'completed', attemptsMade: 1 });
    expect(sync.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(sync.finishedAt)).toBeGreaterThanOrEqual(Date.parse(sync.startedAt));

    const failed = await instance.request('GET', '/api/v1/jobs?state=failed&queue=sync&limit=10');
    expect(failed.status).toBe(200);
    expect(failed.body.jobs).toHaveLength(1);
    expect(failed.body.jobs[0]).toMatchObject({ id: 'metrics-fails-once', state: 'failed' });
    expect(failed.body.jobs[0].failedReason).toContain('no-such-account');

    expect((await instance.request('GET', '/api/v1/jobs?state=broken')).status).toBe(400);
    expect((await instance.request('GET', '/api/v1/jobs?queue=mail')).body.error.message).toContain('queue');
    expect((await instance.request('GET', '/api/v1/jobs?limit=0')).status).toBe(400);
    const clerk = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CLERK.email, password: CLERK.password }),
    });
    const cookie = clerk.headers.get('set-cookie')!.split(';')[0];
    const refused = await fetch(`${instance.baseUrl}/api/v1/jobs`, { headers: { cookie } });
    expect(refused.status).toBe(403);
  });

  describe('the jobs page', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows IT the recent jobs and the failed ones, with no accessibility violation', async () => {
      const page = await browser.newPage();
      await signIn(page, instance.baseUrl, IT);
      await page.goto(`${instance.baseUrl}/dashboard`);
      await page.getByRole('link', { name: 'Recent jobs' }).click();
      await page.waitForURL('**/jobs');
      const completed = page.getByRole('row', { name: /sync-account/ }).filter({ hasText: 'completed' });
      expect(await completed.count()).toBeGreaterThanOrEqual(1);
      await checkScreen(page, 'it-jobs');
      await page.getByLabel('State').selectOption('failed');
      await page.getByRole('button', { name: 'Show jobs' }).click();
      await page.waitForURL(/state=failed/);
      const row = page.getByRole('row', { name: /metrics-fails-once/ });
      await expect(row.textContent()).resolves.toContain('no-such-account');
      await checkScreen(page, 'it-jobs-failed');
      // The page's access line names the person who asked (the session's, never its cookie).
      const people = await instance.request('GET', '/api/v1/users');
      const sam = people.body.users.find((user: { email: string }) => user.email === IT.email);
      const pageLines = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.route === '/jobs');
      expect(pageLines.length).toBeGreaterThanOrEqual(2);
      expect(pageLines.every((entry) => entry.principal === sam.id && entry.status === 200)).toBe(true);
    });
  });
});

describe('a worker-only process serves /metrics on METRICS_PORT', () => {
  let worker: TestInstance;

  beforeAll(async () => {
    worker = await startInstance({ ROLES: 'worker', METRICS_PORT: '0' });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it('answers the scrape with the queue depths', async () => {
    expect(worker.running.port).toBeUndefined();
    const port = worker.running.metricsPort!;
    expect(port).toBeGreaterThan(0);
    const exposition = await scrape(`http://127.0.0.1:${port}`);
    expect(sumOf(exposition, 'verbatim_queue_jobs', { queue: 'sync', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(exposition.samples.some((sample) => sample.name === 'verbatim_queue_jobs')).toBe(true);
    expect(exposition.types.get('verbatim_job_duration_seconds')).toBe('histogram');
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
