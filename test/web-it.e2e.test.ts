import type { Browser, Page } from 'playwright-core';
import { checkScreen, horizontalOverflow, launchBrowser, signIn } from './support/browser';
import { startInstance, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const CLERK = { name: 'Lee Park', email: 'lee.park@town.example', password: 'clerk passphrase 2025' };

/** A link of the main navigation (pages may link to the same place in their text). */
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** The figure in a dashboard tile (Records, Accounts, Agencies). */
async function tileTotal(page: Page, title: string): Promise<number> {
  const text = await page.getByRole('region', { name: title, exact: true }).locator('.big').textContent();
  return Number(text!.replace(/,/g, ''));
}

describe('the IT screens in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    expect((await instance.request('POST', '/api/v1/users', IT)).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('IT registers an agency and an account through the forms, syncs it, and sees the dashboard reflect the capture', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'Dashboard').click();
    await page.waitForURL('**/dashboard');
    await expect(page.getByText('The archive is empty.').isVisible()).resolves.toBe(true);
    expect(await tileTotal(page, 'Records')).toBe(0);
    await checkScreen(page, 'it-dashboard-empty');

    await navLink(page, 'Accounts').click();
    await expect(page.getByText('No accounts yet. Register one below.').isVisible()).resolves.toBe(true);
    await checkScreen(page, 'it-accounts-empty');

    // The agency form, with the keyboard only: type, Tab to the next control, choose by typing, Enter to send.
    await page.getByRole('link', { name: 'Register an agency' }).click();
    await page.waitForURL('**/agencies#register-agency');
    await expect(page.getByText('No agencies yet.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Parks and Recreation Commission');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('kind');
    await page.keyboard.type('Commission');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Register agency');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/agencies\?registered=/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Parks and Recreation Commission is registered',
    );
    await expect(page.getByRole('row', { name: /Parks and Recreation Commission/ }).textContent()).resolves.toContain(
      'Commission',
    );
    await checkScreen(page, 'it-agencies');

    // A connector setting the mock connector cannot read is refused on its field; what was typed stays.
    await page.getByRole('link', { name: 'register its accounts' }).click();
    await page.getByLabel('Agency').selectOption({ label: 'Parks and Recreation Commission' });
    await page.getByLabel('Platform').selectOption('facebook');
    await page.getByLabel('Handle').fill('westportparks');
    await page.getByLabel('Display name (optional)').fill('Westport Parks');
    await page.getByLabel('Registered administrators (at least 2)').fill('Ada Ames, ada.ames@town.example\nBo Byrne');
    await page.getByLabel('Moderators (at least 1)').fill('Mo Moss, mo.moss@town.example');
    await page.getByLabel('Connector type').selectOption('mock');
    await page.getByLabel('Connector settings').fill('seed = 7\nposts = lots\nmaxCommentsPerPost = 12');
    await page.getByRole('button', { name: 'Register account' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The account was not registered.');
    expect(await page.getByLabel('Connector settings').getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('#connectorSettings-error').textContent()).resolves.toMatch(/^posts: /);
    expect(await page.getByLabel('Handle').inputValue()).toBe('westportparks');
    expect((await instance.request('GET', '/api/v1/accounts')).body.accounts).toHaveLength(0);
    await checkScreen(page, 'it-account-register-error');

    await page.getByLabel('Connector settings').fill('seed = 7\nposts = 40\nmaxCommentsPerPost = 12');
    await page.getByRole('button', { name: 'Register account' }).click();
    await page.waitForURL(/\/accounts\/acc_/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Westport Parks');
    const registered = (await instance.request('GET', '/api/v1/accounts')).body.accounts;
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      handle: 'westportparks',
      platform: 'facebook',
      connector: { type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 },
      administrators: [{ name: 'Ada Ames', email: 'ada.ames@town.example' }, { name: 'Bo Byrne' }],
      moderators: [{ name: 'Mo Moss', email: 'mo.moss@town.example' }],
      complianceProblems: [],
    });
    await checkScreen(page, 'it-account');

    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.waitForURL(/\/accounts\/acc_.*\?job=/);
    // The page's script follows the job over the API until it is over.
    await page.locator('#job-sentence', { hasText: 'Sync finished.' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('#job-progress').getAttribute('value')).toBe('1');
    await expect(page.locator('#job-counts').textContent()).resolves.toMatch(
      /^[1-9]\d* pages, [\d,]+ items, [1-9][\d,]* new records/,
    );
    await checkScreen(page, 'it-account-synced');
    await page.getByRole('link', { name: 'Show the updated figures' }).click();
    await expect(page.locator('.facts').first().textContent()).resolves.not.toContain('Never');
    await expect(page.getByText('No platform payloads were set aside.').isVisible()).resolves.toBe(true);

    await navLink(page, 'Dashboard').click();
    const records = (await instance.request('GET', '/api/v1/records?limit=1')).body;
    expect(await tileTotal(page, 'Records')).toBe(records.total);
    expect(await tileTotal(page, 'Records')).toBeGreaterThan(40);
    expect(await tileTotal(page, 'Accounts')).toBe(1);
    expect(await tileTotal(page, 'Agencies')).toBe(1);
    const chartName = await page.getByRole('img', { name: /^Captures per day/ }).getAttribute('aria-labelledby');
    await expect(page.locator(`#${chartName}`).textContent()).resolves.toMatch(
      /^Captures per day, last 30 days: [1-9]\d* in all/,
    );
    expect(await page.locator('.bar-chart rect[height]:not([height="0"])').count()).toBe(1);
    await page.getByText('The figures as a table').click();
    const today = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader') })
      .first();
    await expect(today.locator('td').first().textContent()).resolves.toMatch(/^[1-9]/);
    await expect(page.getByText('None: every scheduled account synced on time.').isVisible()).resolves.toBe(true);
    await checkScreen(page, 'it-dashboard');
    await page.close();
  });

  it('IT gives a list setting one line per value, and the settings form shows the list the same way', async () => {
    const agency = await instance.request('POST', '/api/v1/agencies', { name: 'Town Clerk', kind: 'department' });
    expect(agency.status).toBe(201);
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await page.goto(`${instance.baseUrl}/accounts`);
    await page.getByLabel('Agency').selectOption({ label: 'Town Clerk' });
    await page.getByLabel('Platform').selectOption('website');
    await page.getByLabel('Handle').fill('westport.example');
    await page.getByLabel('Registered administrators (at least 2)').fill('Ada Ames, ada.ames@town.example\nBo Byrne');
    await page.getByLabel('Moderators (at least 1)').fill('Mo Moss, mo.moss@town.example');
    await page.getByLabel('Connector type').selectOption('website');
    await page
      .getByLabel('Connector settings')
      .fill('urls = https://westport.example/news\nurls = https://westport.example/meetings');
    await page.getByRole('button', { name: 'Register account' }).click();
    await page.waitForURL(/\/accounts\/acc_/);
    const id = /\/accounts\/(acc_[^/?#]+)/.exec(page.url())![1];
    const stored = await instance.request('GET', `/api/v1/accounts/${id}`);
    expect(stored.body.connector).toEqual({
      type: 'website',
      urls: ['https://westport.example/news', 'https://westport.example/meetings'],
    });
    await expect(page.getByLabel('Connector settings').inputValue()).resolves.toBe(
      'urls = https://westport.example/news\nurls = https://westport.example/meetings',
    );
    await page.close();
  });

  it('IT creates a person on /people, who can then sign in', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'People').click();
    await page.waitForURL('**/people');
    await expect(page.getByRole('row', { name: /Sam Ortiz/ }).textContent()).resolves.toContain('IT administrator');

    await page.getByLabel('Name').fill(CLERK.name);
    await page.getByLabel('Email').fill(CLERK.email);
    await page.getByLabel('FOIA officer').check();
    // An email already in use is refused on its field (the browser itself refuses a password under 12 characters).
    await page.getByLabel('Email').fill(IT.email);
    await page.getByLabel('Password').fill(CLERK.password);
    await page.getByRole('button', { name: 'Create person' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The person was not created.');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('#email-error').textContent()).resolves.toContain('already exists');
    expect(await page.getByLabel('FOIA officer').isChecked()).toBe(true);
    await checkScreen(page, 'it-people-error');

    await page.getByLabel('Email').fill(CLERK.email);
    await page.getByLabel('Password').fill(CLERK.password);
    await page.getByRole('button', { name: 'Create person' }).click();
    await page.waitForURL(/\/people\?created=/);
    await expect(page.getByRole('status').textContent()).resolves.toContain(`${CLERK.name} was created`);
    await expect(page.getByRole('row', { name: new RegExp(CLERK.name) }).textContent()).resolves.toContain(
      'FOIA officer',
    );
    await checkScreen(page, 'it-people');
    const users = (await instance.request('GET', '/api/v1/users')).body.users;
    expect(users.find((user: { email: string }) => user.email === CLERK.email)).toMatchObject({
      name: CLERK.name,
      roles: ['foia-officer'],
    });
    await page.close();

    const clerk = await browser.newPage();
    await signIn(clerk, instance.baseUrl, CLERK);
    await clerk.goto(`${instance.baseUrl}/dashboard`);
    await expect(clerk.getByRole('heading', { name: 'Not allowed' }).isVisible()).resolves.toBe(true);

    // IT disables the clerk from the keyboard: the clerk's open session ends at once, and sign-in is refused.
    const it = await browser.newPage();
    await signIn(it, instance.baseUrl, IT);
    await it.goto(`${instance.baseUrl}/people`);
    const disable = it.getByRole('button', { name: `Disable ${CLERK.name} (${CLERK.email})` });
    await disable.focus();
    await it.keyboard.press('Enter');
    await it.waitForURL(/\/people\?changed=/);
    await expect(it.getByRole('status').textContent()).resolves.toContain(`${CLERK.name} is disabled`);
    await expect(it.getByRole('row', { name: new RegExp(CLERK.name) }).textContent()).resolves.toContain('Disabled');
    await checkScreen(it, 'it-people-disabled');
    await clerk.goto(`${instance.baseUrl}/search`);
    await clerk.waitForURL('**/sign-in');
    await clerk.getByLabel('Email').fill(CLERK.email);
    await clerk.getByLabel('Password').fill(CLERK.password);
    await clerk.getByRole('button', { name: 'Sign in' }).click();
    await expect(clerk.getByRole('alert').textContent()).resolves.toContain('disabled by IT');

    await it.getByRole('button', { name: `Enable ${CLERK.name} (${CLERK.email})` }).click();
    await expect(it.getByRole('status').textContent()).resolves.toContain(`${CLERK.name} can sign in again`);
    await signIn(clerk, instance.baseUrl, CLERK);
    await it.close();
    await clerk.close();
  });

  it('fits a 360 px phone without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await signIn(page, instance.baseUrl, IT);
    for (const [path, name] of [
      ['/dashboard', 'it-dashboard-phone'],
      ['/accounts', 'it-accounts-phone'],
      ['/people', 'it-people-phone'],
    ]) {
      await page.goto(`${instance.baseUrl}${path}`);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await checkScreen(page, name);
    }
    await navLink(page, 'Accounts').click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.waitForURL(/\/accounts\/acc_/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
