import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { popplerPageCount, popplerPageTexts, qpdfCheck } from '@verbatim/bundles/testing';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
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
const REQUEST = {
  requester: { name: 'Morgan Lee', email: 'morgan@example.org' },
  receivedAt: '2025-10-06T11:00:00-04:00',
  description: 'Comments on the Public Works page, including deleted ones',
};
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

interface ListedRecord {
  id: string;
  kind: string;
  status: string;
  text: string;
}

describe('an officer works a request in the browser: searches, gathers, redacts, withholds, builds and verifies the bundle', () => {
  let instance: TestInstance;
  let browser: Browser;
  let requestId: string;
  let withEmail: ListedRecord;
  let reply: ListedRecord;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'verbatim-web-bundle-'));

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    for (const person of [OFFICER, ATTORNEY])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 11, posts: 25, maxCommentsPerPost: 6 });
    await syncOnce(instance, accountId);
    await syncOnce(instance, accountId);
    const officerToken = await createToken(instance, 'officer-api', ['foia-officer']);
    requestId = (await instance.request('POST', '/api/v1/foia-requests', REQUEST, officerToken)).body.id;
    const { body } = await instance.request('GET', '/api/v1/records?limit=1000');
    const records = body.records as ListedRecord[];
    withEmail = records.find((record) => record.kind !== 'post' && EMAIL.test(record.text))!;
    reply = records.find((record) => record.kind === 'reply' && record.id !== withEmail.id)!;
    expect(withEmail).toBeDefined();
    expect(reply).toBeDefined();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const openRequest = async (page: Page) => {
    await page.goto(`${instance.baseUrl}/requests/${requestId}`);
    await page.waitForURL(/\/requests\/req_/);
  };

  it('gathers records by id, with the thread a reply answers', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await openRequest(page);
    await expect(page.getByText('No records gathered yet.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Gather records first').isVisible()).resolves.toBe(true);
    await checkScreen(page, 'request-empty');

    // An unknown id is refused with the reason, and nothing is added.
    await page.getByLabel('Add records by id (one per line)').fill('rec_doesnotexist');
    await page.getByRole('button', { name: 'Add records' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('no such record(s): rec_doesnotexist');
    await expect(page.getByText('No records gathered yet.').isVisible()).resolves.toBe(true);

    await page.getByLabel('Add records by id (one per line)').fill(`${withEmail.id}\n${reply.id}`);
    await page.getByRole('button', { name: 'Add records' }).click();
    await page.waitForURL(/added=\d+/);
    const added = Number(new URL(page.url()).searchParams.get('added'));
    // The reply brings the comment and post it answers: at least two more than were typed.
    expect(added).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(`${added} records added.`);
    await expect(page.getByRole('heading', { name: `Gathered records (${added})` }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('cell', { name: 'thread context' }).count()).toBeGreaterThanOrEqual(2);

    // From a search: the officer opens a deleted record, then adds the whole search to the request.
    await page.goto(`${instance.baseUrl}/search?status=deleted`);
    await page.locator('.hit h3 a').first().click();
    await expect(page.getByText('Deletion detected').isVisible()).resolves.toBe(true);
    await page.goBack();
    await page.getByLabel('Request for all matching records').selectOption(requestId);
    await page.getByRole('button', { name: /^Add all \d+ matching records$/ }).click();
    await page.waitForURL(/added=\d+/);
    expect(Number(new URL(page.url()).searchParams.get('added'))).toBeGreaterThan(0);
    await expect(page.getByRole('listitem').filter({ hasText: 'status: deleted' }).textContent()).resolves.toMatch(
      /everything · status: deleted.*: \d+ matched/,
    );
    await expect(page.getByRole('cell', { name: 'saved search' }).first().isVisible()).resolves.toBe(true);
    await checkScreen(page, 'request-gathered');
    await page.close();
  });

  it('redacts a suggested email and withholds a reply, refusing a withholding without an exemption', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await openRequest(page);
    await page
      .getByRole('link', { name: new RegExp(`^Review .*`) })
      .and(page.locator(`[href$="/items/${withEmail.id}"]`))
      .click();
    await page.waitForURL(new RegExp(`/items/${withEmail.id}$`));
    const email = EMAIL.exec(withEmail.text)![0];
    const suggestion = page.getByLabel(new RegExp(`email “${email.replace(/[.+]/g, '\\$&')}” in version 1`));
    await expect(suggestion.isChecked()).resolves.toBe(false);
    await checkScreen(page, 'request-item');
    await page.getByLabel('Produce with redactions').check();
    await suggestion.check();
    await page.getByLabel('Exemption (for a redaction or withholding)').selectOption('1-210(b)(2)');
    await page
      .getByLabel('Justification (printed in the withholding log)')
      .fill('A private email address of a resident.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/\/requests\/req_[^/]+#records-heading$/);
    await expect(
      page
        .getByRole('row', { name: new RegExp(withEmail.id.slice(-6)) })
        .or(page.locator('tr', { has: page.locator(`[href$="/items/${withEmail.id}"]`) }))
        .first()
        .textContent(),
    ).resolves.toContain('redacted under 1-210(b)(2) (1 passage)');

    await page.locator(`[href$="/items/${reply.id}"]`).click();
    await page.getByLabel('Withhold entirely').check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('cite an exemption code');
    expect(await page.getByLabel('Exemption (for a redaction or withholding)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expect(page.getByLabel('Withhold entirely').isChecked()).resolves.toBe(true);
    await checkScreen(page, 'request-item-error');
    await page.getByLabel('Exemption (for a redaction or withholding)').selectOption('1-210(b)(2)');
    await page.getByLabel('Justification (printed in the withholding log)').fill('Names a minor.');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.waitForURL(/#records-heading$/);
    await expect(
      page.locator('tr', { has: page.locator(`[href$="/items/${reply.id}"]`) }).textContent(),
    ).resolves.toContain('withheld under 1-210(b)(2)');
    await page.close();
  });

  it('builds the bundle with live progress, downloads a PDF without the redacted email, and verifies it', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await openRequest(page);
    await page.getByRole('button', { name: 'Build response bundle' }).click();
    await page.waitForURL(/#bundles-heading$/);
    // The page reloads itself when the bundle is done; the downloads appear then.
    await page.getByRole('link', { name: 'Download PDF' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('heading', { name: /^Bundle of .*: completed$/ }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'request-bundle');

    const href = (await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href'))!;
    const download = await page.request.get(`${instance.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    const file = path.join(scratch, 'bundle.pdf');
    writeFileSync(file, await download.body());
    expect((await qpdfCheck(file)).ok).toBe(true);
    const pages = await popplerPageTexts(file);
    expect(pages).toHaveLength(await popplerPageCount(file));
    const everything = pages.join('\n');
    expect(everything).not.toContain(EMAIL.exec(withEmail.text)![0]);
    expect(everything).toContain('Names a minor.');
    expect(pages.every((text) => /WESTPORT\d{6}/.test(text))).toBe(true);

    await page.getByRole('button', { name: 'Verify bundle' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Verified' }).textContent()).resolves.toMatch(
      /archived originals are intact/,
    );
    await page.getByRole('link', { name: 'how anyone can check it' }).click();
    await page.waitForURL('**/signing-key');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("The town's signing key");
    await page.close();
  });

  it('the attorney sees the gathered records and the bundle, and is not offered to build one', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, ATTORNEY);
    // The log's filters: words that match nothing say so and offer the way back; matching words find it.
    await page.goto(`${instance.baseUrl}/requests`);
    await page.getByLabel('Words (number, requester, description)').fill('library budget');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No request matches these filters.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Words (number, requester, description)').fill('morgan deleted');
    await page.getByLabel('Due soon or overdue only').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(new URL(page.url()).searchParams.get('deadline')).toBe('late');
    await page
      .getByRole('row', { name: /Morgan Lee/ })
      .getByRole('link')
      .click();
    await page.waitForURL(/\/requests\/req_/);
    await expect(page.getByRole('link', { name: 'Download PDF' }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Build response bundle' }).count()).toBe(0);
    await checkScreen(page, 'request-attorney-bundle');
    await page.close();
  });
});
