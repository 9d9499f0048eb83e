import type { Browser } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const ATTORNEY = {
  name: 'Casey Reed',
  email: 'casey.reed@town.example',
  roles: ['attorney'],
  password: 'attorney passphrase 2026',
};
const CITATION = 'CT State Library M1 item 100: general correspondence';

describe('the retention pages in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    for (const person of [IT, ATTORNEY])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 3, posts: 4, maxCommentsPerPost: 2 });
    await syncOnce(instance, accountId);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('IT adds a rule and places a hold; the attorney sees nothing due, releases the hold, approves, and sees the outcome', async () => {
    const it = await browser.newPage();
    await signIn(it, instance.baseUrl, IT);
    await it.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Retention' }).click();
    await it.waitForURL('**/retention');
    await expect(it.getByText('No retention rules yet').isVisible()).resolves.toBe(true);
    await checkScreen(it, 'retention-rules-empty');

    await it.getByLabel('Keep for (days after posting)').fill('soon');
    await it.getByLabel('Connecticut schedule citation').fill('M1');
    await it.getByRole('button', { name: 'Add rule' }).click();
    await expect(it.getByRole('alert').textContent()).resolves.toContain('The rule was not added.');
    await checkScreen(it, 'retention-rules-refused');

    await it.getByLabel('Keep for (days after posting)').fill('1');
    await it.getByLabel('Connecticut schedule citation').fill(CITATION);
    await it.getByRole('button', { name: 'Add rule' }).click();
    await it.waitForURL('**/retention');
    await expect(it.getByRole('table').textContent()).resolves.toContain(CITATION);

    await it.goto(`${instance.baseUrl}/legal-holds`);
    await it.getByLabel('Account (for an account hold)').selectOption({ index: 1 });
    await it.getByLabel('Reason').fill('Notice of claim, Ortiz v. Town');
    await it.getByRole('button', { name: 'Place hold' }).click();
    await it.waitForURL('**/legal-holds');
    await expect(it.getByRole('table').textContent()).resolves.toContain('Notice of claim');
    await checkScreen(it, 'legal-holds-it');

    const attorney = await browser.newPage();
    await signIn(attorney, instance.baseUrl, ATTORNEY);
    await attorney.goto(`${instance.baseUrl}/disposition`);
    await expect(attorney.getByText('Nothing is due for disposition.').isVisible()).resolves.toBe(true);
    await checkScreen(attorney, 'disposition-nothing-due');

    await attorney.goto(`${instance.baseUrl}/legal-holds`);
    await checkScreen(attorney, 'legal-holds-attorney');
    await attorney.getByLabel('Why release').fill('Claim settled');
    await attorney.getByRole('button', { name: 'Release' }).click();
    await attorney.waitForURL('**/legal-holds');
    await expect(attorney.getByRole('table').textContent()).resolves.toContain('Claim settled');

    await attorney.goto(`${instance.baseUrl}/disposition`);
    const heading = attorney.getByRole('heading', { level: 2, name: new RegExp(CITATION) });
    const due = Number(/: (\d+) record/.exec((await heading.textContent())!)![1]);
    expect(due).toBeGreaterThan(0);
    await checkScreen(attorney, 'disposition-due');

    const firstDue = (await attorney.getByRole('table').first().getByRole('link').first().textContent())!;
    await attorney.getByLabel('Approval note').fill('Past schedule M1; no litigation pending');
    await attorney.getByRole('button', { name: 'Approve and dispose' }).click();
    await attorney.waitForURL(/\/disposition\?job=disposition-dsp_/);
    await expect(attorney.getByRole('heading', { name: 'The approved disposition' }).isVisible()).resolves.toBe(true);
    // The page follows the job through GET /api/v1/jobs/:jobId until it ends, then offers the updated report.
    await attorney.getByRole('status').getByText(`${due} records disposed`).waitFor({ timeout: 30_000 });
    await expect(attorney.getByRole('progressbar').getAttribute('value')).resolves.toBe('1');
    await checkScreen(attorney, 'disposition-done');
    await attorney.getByRole('link', { name: 'Show the updated report' }).click();
    await expect(attorney.getByText('Nothing is due for disposition.').isVisible()).resolves.toBe(true);
    await expect(attorney.getByRole('status').textContent()).resolves.toContain(`${due} records disposed`);
    const past = attorney.getByRole('region', { name: 'Past dispositions' });
    await expect(past.textContent()).resolves.toContain('Past schedule M1; no litigation pending');
    await expect(past.textContent()).resolves.toContain(ATTORNEY.name);
    const [pdf] = await Promise.all([
      attorney.waitForEvent('download'),
      past.getByRole('link', { name: /^PDF/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^disposition-dsp_[0-9a-f]+\.pdf$/);
    await checkScreen(attorney, 'disposition-past');

    // The disposed record's page keeps its tombstone: when, the rule, the approval and the hashes.
    await attorney.goto(`${instance.baseUrl}/records/${firstDue}`);
    await expect(attorney.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/, disposed of$/);
    await expect(attorney.getByText('Download version 1').count()).resolves.toBe(0);
    const tombstone = attorney.getByRole('region', { name: 'Disposed of under the retention schedule' });
    await expect(tombstone.textContent()).resolves.toContain(CITATION);
    await expect(tombstone.textContent()).resolves.toContain('Past schedule M1; no litigation pending');
    await expect(tombstone.textContent()).resolves.toContain(`approved by ${ATTORNEY.name}`);
    await expect(tombstone.textContent()).resolves.toMatch(/[0-9a-f]{64}/);
    await checkScreen(attorney, 'record-disposed');
  });
});
