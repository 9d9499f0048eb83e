import type { Browser, Page } from 'playwright-core';
import { checkScreen, horizontalOverflow, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
import { startInstance, type TestInstance } from './support/start-instance';

const AUDITOR = {
  name: 'Ada Auditor',
  email: 'ada@town.example',
  roles: ['auditor'],
  password: 'auditor passphrase 1',
};
const ADMIN = { name: 'Ian IT', email: 'ian@town.example', roles: ['it-admin'], password: 'it admin passphrase 1' };
const OFFICER = { name: 'Fay Officer', email: 'fay@town.example', roles: ['foia-officer'], password: 'officer pass 1' };

const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

describe('the audit log page in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    for (const person of [AUDITOR, ADMIN, OFFICER])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const reader = await createToken(instance, 'reader', ['foia-officer']);
    for (let index = 0; index < 55; index++)
      await instance.request('GET', `/api/v1/records?q=${encodeURIComponent(`budget ${index}`)}`, undefined, reader);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('an auditor reads the log from the menu, filters it, pages back, downloads the CSV and checks the chain', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, { email: AUDITOR.email, password: 'a wrong one' }, '**/sign-in');
    await signIn(page, instance.baseUrl, AUDITOR);
    await navLink(page, 'Audit log').click();
    await page.waitForURL('**/audit');
    await expect(page.getByRole('heading', { name: 'Audit log' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('table').getByText('records.search').first().isVisible()).resolves.toBe(true);
    await checkScreen(page, 'audit-log');

    await page.getByLabel('Action').fill('session.sign-in');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL('**/audit?*action=session.sign-in*');
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.count()).resolves.toBe(3); // the header, the failed sign-in and the one that worked
    await expect(page.getByRole('cell', { name: 'denied' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('a wrong one').count()).resolves.toBe(0);
    const csvHref = await page.getByRole('link', { name: 'Download every matching entry as CSV' }).getAttribute('href');
    expect(csvHref).toBe('/api/v1/audit?action=session.sign-in&format=csv');
    const download = await page.request.get(`${instance.baseUrl}${csvHref}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await download.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
    await checkScreen(page, 'audit-log-filtered');

    await page.getByLabel('Action').fill('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('link', { name: 'Older entries' }).click();
    await page.waitForURL('**/audit?cursor=*');
    await expect(page.getByRole('table').getByRole('caption').textContent()).resolves.toContain('older page');
    await checkScreen(page, 'audit-log-older');

    await page.getByRole('link', { name: 'Check the chain now' }).click();
    await page.waitForURL('**/audit/verification');
    await expect(page.getByRole('status').textContent()).resolves.toContain('The chain is whole');
    await checkScreen(page, 'audit-verification');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${instance.baseUrl}/audit`);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.close();
  });

  it('IT reaches it from the dashboard; a FOIA officer is refused it', async () => {
    const admin = await browser.newPage();
    await signIn(admin, instance.baseUrl, ADMIN, '**/*');
    await admin.goto(`${instance.baseUrl}/dashboard`);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.waitForURL('**/audit');
    await expect(admin.getByRole('heading', { name: 'Audit log' }).isVisible()).resolves.toBe(true);
    await admin.close();

    const officer = await browser.newPage();
    await signIn(officer, instance.baseUrl, OFFICER);
    await expect(navLink(officer, 'Audit log').count()).resolves.toBe(0);
    const refused = await officer.goto(`${instance.baseUrl}/audit`);
    expect(refused?.status()).toBe(403);
    await officer.close();
  });
});
