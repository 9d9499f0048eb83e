import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const ATTORNEY = {
  name: 'Casey Counsel',
  email: 'casey@town.example',
  roles: ['attorney'],
  password: 'attorney passphrase 1',
};
const MODERATOR = {
  name: 'Mo Moderator',
  email: 'mo@town.example',
  roles: ['moderator'],
  password: 'moderator passphrase',
};

const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

describe('the moderation screens in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;
  let recordId: string;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    for (const person of [ATTORNEY, MODERATOR])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const accountId = await registerMockAccount(instance, { type: 'mock', seed: 7, posts: 4, maxCommentsPerPost: 4 });
    await syncOnce(instance, accountId);
    const found = await instance.request('GET', `/api/v1/records?kind=comment,reply&limit=1&accountId=${accountId}`);
    recordId = found.body.records[0].id;
    const moderator = await createToken(instance, 'moderator script', ['moderator']);
    const proposed = await instance.request(
      'POST',
      '/api/v1/moderation-reviews',
      { recordId, action: 'remove-comment', categories: ['spam'], note: 'the same link forty times' },
      moderator,
    );
    expect(proposed.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('the attorney sees the pending review with its age, approves it from the queue, and opens the ledger, keyboard reachable', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, ATTORNEY);
    await navLink(page, 'Moderation').click();
    await page.waitForURL('**/moderation/reviews');
    await expect(page.getByRole('heading', { name: 'Pending (1)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('waiting 0 h').isVisible()).resolves.toBe(true);
    await checkScreen(page, 'moderation-queue-pending');

    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('A denial needs a note');
    await page.getByRole('button', { name: "Approve as the attorney's office" }).click();
    await page.waitForURL('**/moderation/reviews');
    await expect(page.getByRole('heading', { name: 'Decided (1)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Approved by the attorney's office").isVisible()).resolves.toBe(true);
    await checkScreen(page, 'moderation-queue-decided');

    await page.goto(`${instance.baseUrl}/records/${recordId}`);
    await expect(page.getByRole('heading', { name: 'Review history' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("Approved by the attorney's office").isVisible()).resolves.toBe(true);
    await checkScreen(page, 'moderation-record-history');

    await navLink(page, 'Moderation').click();
    await page.getByRole('link', { name: 'The moderation ledger' }).click();
    await page.waitForURL('**/moderation/ledger');
    await page.getByLabel('Only unreviewed ones not yet settled').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL('**/moderation/ledger?*open=true*');
    await expect(page.getByRole('link', { name: 'PDF' }).getAttribute('href')).resolves.toContain('report.pdf');
    await checkScreen(page, 'moderation-ledger');
    await page.close();
  });

  it('a moderator has the Moderation page: proposes a ban through its form, and sees their own proposals only, with no decision form', async () => {
    const page = await browser.newPage();
    // A moderator reads no records: they land on their policies and receipts.
    await signIn(page, instance.baseUrl, MODERATOR, '**/receipts');
    await navLink(page, 'Moderation').click();
    await page.waitForURL('**/moderation/reviews');
    await expect(page.getByText('Nothing waits for a decision.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Deny' }).count()).resolves.toBe(0);
    await checkScreen(page, 'moderation-queue-moderator');

    await page.getByRole('button', { name: 'Send for review' }).click();
    await expect(
      page
        .getByLabel('The comment: its link on the platform, or its record id')
        .evaluate((input) => (input as unknown as { validity: { valid: boolean } }).validity.valid),
    ).resolves.toBe(false);
    await page.getByLabel('The comment: its link on the platform, or its record id').fill(recordId);
    await page.getByLabel('Ban the user (needs the Director of IT too)').check();
    await page.getByLabel('Spam and undecipherable language').check();
    await page.getByLabel("Note for the attorney's office").fill('posts the same advertisement every hour');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForURL('**/moderation/reviews');
    await expect(page.getByRole('heading', { name: 'Pending (1)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText("waiting for the attorney's office and the Director of IT").isVisible()).resolves.toBe(
      true,
    );
    await checkScreen(page, 'moderation-queue-proposed');
    await page.close();
  });
});
