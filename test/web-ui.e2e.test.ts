import type { Browser } from 'playwright-core';
import { checkScreen, horizontalOverflow, launchBrowser, signIn } from './support/browser';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const OFFICER = {
  name: 'Pat Quinn',
  email: 'pat.quinn@town.example',
  roles: ['foia-officer'],
  password: 'correct horse battery staple',
};
const ATTORNEY = {
  name: 'Jordan Blake',
  email: 'jordan.blake@town.example',
  roles: ['attorney'],
  password: 'another long passphrase',
};

describe('the web application in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    expect((await instance.request('POST', '/api/v1/users', OFFICER)).status).toBe(201);
    expect((await instance.request('POST', '/api/v1/users', ATTORNEY)).status).toBe(201);
    await syncOnce(
      instance,
      await registerMockAccount(instance, { type: 'mock', seed: 7, posts: 30, maxCommentsPerPost: 8 }),
    );
    await syncOnce(instance, (await instance.request('GET', '/api/v1/accounts')).body.accounts[0].id);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('an officer signs in with the keyboard, searches, and opens a deleted record', async () => {
    const page = await browser.newPage();
    await page.goto(`${instance.baseUrl}/`);
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'sign-in');

    // A wrong password is announced and keeps the email.
    await page.getByLabel('Email').fill(OFFICER.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not right');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(OFFICER.email);

    await page.getByLabel('Password').fill(OFFICER.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search');
    await expect(page.getByRole('heading', { name: 'Search the archive' }).isVisible()).resolves.toBe(true);

    await page.getByLabel('Words to find').fill('road');
    await page.getByLabel('deleted').check();
    await page.getByRole('button', { name: 'Search' }).press('Enter');
    await page.waitForURL(/\/search\?q=road/);
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['deleted']);
    const heading = await page.getByRole('heading', { level: 2 }).first().textContent();
    expect(heading).toMatch(/^[1-9][\d,]* records? found$/);
    expect(await page.locator('.hit mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.hit .badge-deleted').count()).toBeGreaterThan(0);
    await checkScreen(page, 'search');

    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/records\/rec_/);
    await expect(page.getByText('Deletion detected').isVisible()).resolves.toBe(true);
    expect(await page.locator('.hash code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    await checkScreen(page, 'record');

    // Reloading the search URL gives the same results: the URL holds the whole search.
    await page.goBack();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(heading);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${instance.baseUrl}/search?q=road`);
    await page.waitForURL('**/sign-in');
    await page.close();
  });

  it('an officer logs a request in the form and sees it in the log with its deadline', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.waitForURL('**/requests');
    await expect(page.getByText('No requests yet.').isVisible()).resolves.toBe(true);
    await checkScreen(page, 'requests-empty');

    await page.getByRole('link', { name: 'Log a request' }).click();
    await page.getByLabel('Requester name').fill('Dana Reyes');
    await page.getByLabel('Organization (optional)').fill('Westport News');
    await page.getByLabel(/^Received \(/).fill('2099-01-05T10:00');
    await page.getByLabel('Received by').selectOption('mail');
    await page.getByLabel('What is asked for').fill('All comments removed from the Parks page in October.');
    await page.getByRole('button', { name: 'Log request' }).click();
    // A receipt in the future is refused with the field marked, and nothing is logged.
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not logged');
    expect(await page.getByLabel(/^Received \(/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Requester name').inputValue()).toBe('Dana Reyes');
    await checkScreen(page, 'log-request-error');

    await page.getByLabel(/^Received \(/).fill('2025-12-23T10:15');
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.waitForURL(/\/requests\/req_/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Request 2025-\d{4}$/);
    await expect(page.locator('.facts').textContent()).resolves.toContain('Dec 30, 2025');
    await checkScreen(page, 'request');

    await page.getByLabel('New status').selectOption('acknowledged');
    await page.getByLabel('Note (kept in the history)').fill('Acknowledged by letter');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.waitForURL(/\/requests\/req_/);
    await expect(page.locator('.thread').textContent()).resolves.toContain(
      'received → acknowledged (Acknowledged by letter)',
    );

    await page.getByRole('link', { name: 'All requests' }).click();
    const row = page.getByRole('row', { name: /Dana Reyes/ });
    await expect(row.textContent()).resolves.toContain('acknowledged');
    await expect(row.textContent()).resolves.toContain('overdue');
    await checkScreen(page, 'requests');
    await page.close();
  });

  it("the attorney sees the request and its deadline, and is offered only the attorney's moves", async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, ATTORNEY);
    await page.getByRole('link', { name: 'Requests' }).click();
    const row = page.getByRole('row', { name: /Dana Reyes/ });
    await expect(row.textContent()).resolves.toMatch(/Production by .*2026/);
    expect(await page.getByRole('link', { name: 'Log a request' }).count()).toBe(0);
    await row.getByRole('link').click();
    await page.waitForURL(/\/requests\/req_/);
    // At "acknowledged" every move is the officer's: the attorney gets no status form.
    expect(await page.getByRole('button', { name: 'Change status' }).count()).toBe(0);
    await checkScreen(page, 'request-attorney');
    await page.close();
  });

  it('works on a narrow phone screen at 200% zoom without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await page.goto(`${instance.baseUrl}/search?q=meeting`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkScreen(page, 'search-phone');
    await context.close();
  });
});
