import type { Browser } from 'playwright-core';
import { decodeQuotedPrintable, startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { eventually, notifyEnv } from './support/foia-fixtures';
import { startInstance, waitForJob, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const CONNECTOR = { type: 'mock', seed: 11, posts: 5, maxCommentsPerPost: 2 };
const FAILING_SUBJECT = 'Subject: Archiving stopped: @westportparks on Facebook (Parks & Recreation)';
const RECOVERED_SUBJECT = 'Subject: Archiving resumed: @westportparks on Facebook (Parks & Recreation)';

/** The messages IT received whose subject line is `subject`. */
const received = (smtp: TestSmtpServer, subject: string) =>
  smtp.received.filter((message) => message.raw.split('\r\n').includes(subject));

/** Several relay runs (every 200 ms here): long enough for a second notice to have gone out, were there one. */
const severalRelayRuns = () => new Promise((resolve) => setTimeout(resolve, 1500));

describe('IT is told when an account stops archiving and when it comes back', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance({
      ...notifyEnv(smtp.url),
      IT_NOTIFY_EMAILS: 'it@town.example',
      PUBLIC_URL: 'https://verbatim.town.example',
    });
    expect((await instance.request('POST', '/api/v1/users', IT)).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
    await smtp?.close();
  });

  const syncNow = async (accountId: string) => {
    const started = await instance.request<{ jobId: string }>('POST', `/api/v1/accounts/${accountId}/sync`);
    expect(started.status).toBe(202);
    return waitForJob(instance, started.body.jobId);
  };

  it('emails IT once when the account fails, shows the problem, and once more when it recovers', async () => {
    const agency = await instance.request('POST', '/api/v1/agencies', {
      name: 'Parks & Recreation',
      kind: 'department',
    });
    const registered = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'facebook',
      handle: 'westportparks',
      administrators: [{ name: 'Ada Admin' }, { name: 'Bo Admin' }],
      moderators: [{ name: 'Mo Moderator' }],
      connector: { ...CONNECTOR, failWith: 'credentials' },
    });
    expect(registered.status).toBe(201);
    const accountId = registered.body.id as string;

    // The token "expired": the sync fails, twice, and IT hears of it once.
    expect((await syncNow(accountId)).state).toBe('failed');
    const [failing] = await eventually(async () => {
      const messages = received(smtp, FAILING_SUBJECT);
      return messages.length > 0 ? messages : undefined;
    }, 'the account.failing email');
    expect(failing.to).toEqual(['it@town.example']);
    const text = decodeQuotedPrintable(failing.raw);
    expect(text).toContain('The last sync failed: the mock platform refused the access token (HTTP 401');
    expect(text).toContain('The platform rejected the credentials.');
    expect(text).toContain(`https://verbatim.town.example/accounts/${accountId}`);
    expect((await syncNow(accountId)).state).toBe('failed');
    await severalRelayRuns();
    expect(received(smtp, FAILING_SUBJECT)).toHaveLength(1);

    const { body: account } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(account.health).toMatchObject({ state: 'failing', lastSuccessAt: null });
    expect(account.health.advice).toContain('Get a new token');
    const { body: listed } = await instance.request('GET', '/api/v1/notifications?status=pending,failed,delivered');
    const notices = listed.notifications.filter(
      (notice: { accountId: string | null }) => notice.accountId === accountId,
    );
    expect(notices).toEqual([
      expect.objectContaining({
        event: 'account.failing',
        channel: 'email',
        requestId: null,
        requestNumber: null,
        status: 'delivered',
      }),
    ]);

    // The account page and the dashboard say what is wrong and what to do.
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await page.goto(`${instance.baseUrl}/accounts/${accountId}`);
    const health = page.getByRole('region', { name: 'Archiving health' });
    await expect(health.getByText('The last sync failed: the mock platform refused').isVisible()).resolves.toBe(true);
    await expect(health.getByText('Get a new token').isVisible()).resolves.toBe(true);
    const notes = page.getByRole('region', { name: 'Notices to IT' });
    await expect(notes.getByRole('cell', { name: 'Archiving stopped' }).isVisible()).resolves.toBe(true);
    const runs = page.getByRole('region', { name: 'Recent runs' });
    expect(await runs.getByRole('cell', { name: /^Failed/ }).count()).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${instance.baseUrl}/dashboard`);
    const attention = page.getByRole('region', { name: 'Accounts that need attention' });
    await expect(attention.getByRole('link', { name: 'westportparks' }).isVisible()).resolves.toBe(true);
    await expect(attention.getByText('Failing').isVisible()).resolves.toBe(true);
    await page.goto(`${instance.baseUrl}/accounts`);
    const row = page.getByRole('row', { name: /westportparks/ });
    await expect(row.getByText('Failing').isVisible()).resolves.toBe(true);

    // IT fixes the settings; the next sync succeeds and IT hears the account is back, once.
    const fixed = await instance.request('PATCH', `/api/v1/accounts/${accountId}`, { connector: CONNECTOR });
    expect(fixed.status).toBe(200);
    expect((await syncNow(accountId)).state).toBe('completed');
    const [recovered] = await eventually(async () => {
      const messages = received(smtp, RECOVERED_SUBJECT);
      return messages.length > 0 ? messages : undefined;
    }, 'the account.recovered email');
    expect(decodeQuotedPrintable(recovered.raw)).toContain('Nothing more to do');
    await severalRelayRuns();
    expect(received(smtp, RECOVERED_SUBJECT)).toHaveLength(1);
    expect(received(smtp, FAILING_SUBJECT)).toHaveLength(1);

    await page.goto(`${instance.baseUrl}/dashboard`);
    await expect(page.getByText('None: every scheduled account synced on time.').isVisible()).resolves.toBe(true);
    // What the run that recovered captured: every post and comment new.
    const { body: recoveredAccount } = await instance.request('GET', `/api/v1/accounts/${accountId}`);
    expect(recoveredAccount.health).toMatchObject({ state: 'healthy', problem: null });
    const { body: history } = await instance.request('GET', `/api/v1/accounts/${accountId}/runs`);
    expect(history.runs[0]).toMatchObject({
      outcome: 'completed',
      error: null,
      created: recoveredAccount.sync.itemsSeen,
    });
    expect(history.runs.slice(1).every((run: { outcome: string }) => run.outcome === 'failed')).toBe(true);
    await page.goto(`${instance.baseUrl}/accounts/${accountId}`);
    const latest = page.getByRole('region', { name: 'Recent runs' }).getByRole('row').nth(1);
    await expect(latest.getByRole('cell').first().textContent()).resolves.toMatch(/^Completed/);
    const created = Number(await latest.getByRole('cell').nth(4).textContent());
    expect(created).toBe(recoveredAccount.sync.itemsSeen);
    await expect(
      page.getByRole('region', { name: 'Archiving health' }).getByText('Capturing on time').isVisible(),
    ).resolves.toBe(true);
    await page.close();
  });
});
