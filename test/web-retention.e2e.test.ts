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

    await attorney.getByLabel('Approval note').fill('Past schedule M1; no litigation pending');
    await attorney.getByRole('button', { name: 'Approve and dispose' }).click();
    await expect(attorney.getByRole('status').textContent()).resolves.toContain(`${due} records disposed`);
    await expect(attorney.getByText('Nothing is due for disposition.').isVisible()).resolves.toBe(true);
    await checkScreen(attorney, 'disposition-done');
  });
});
