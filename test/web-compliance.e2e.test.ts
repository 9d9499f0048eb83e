import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { startInstance, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const COMMS = {
  name: 'Casey Comms',
  email: 'casey.comms@town.example',
  roles: ['communications-manager'],
  password: 'a long comms passphrase',
};
const MO = {
  name: 'Mo Moss',
  email: 'mo.moss@town.example',
  roles: ['moderator'],
  password: 'a long moderator phrase',
};
const POLICY = 'Norwalk Social Media Use Policy';

const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

describe('the compliance and receipts pages in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;
  let accountId: string;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'City of Norwalk', REQUIRE_ACCOUNT_APPROVAL: 'true' });
    for (const person of [IT, COMMS, MO])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const policy = await instance.request('POST', '/api/v1/policies', {
      title: POLICY,
      text: 'Prior to creating a social media account for your department, approval is required.',
    });
    expect(policy.status).toBe(201);
    const agency = await instance.request('POST', '/api/v1/agencies', {
      name: 'Health Department',
      kind: 'department',
    });
    const account = await instance.request('POST', '/api/v1/accounts', {
      agencyId: agency.body.id,
      platform: 'facebook',
      handle: 'norwalkhealth',
      administrators: [{ name: 'Ada Admin', email: 'ada@town.example', phone: '203 555 0101' }],
      moderators: [{ name: MO.name, email: MO.email, phone: '203 555 0103' }],
      connector: { type: 'mock', seed: 41, posts: 2, maxCommentsPerPost: 1 },
    });
    expect(account.status).toBe(201);
    accountId = account.body.id as string;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
  });

  it('IT sees what each account lacks on the compliance pages, the accounts list and the dashboard', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'Compliance').click();
    await page.waitForURL('**/compliance');
    const row = page.getByRole('row', { name: /norwalkhealth/ });
    await expect(row.getByText('Not compliant').isVisible()).resolves.toBe(true);
    await expect(row.textContent()).resolves.toContain('Only one administrator is registered (Ada Admin)');
    await checkScreen(page, 'compliance-town');

    await row.getByRole('link', { name: 'norwalkhealth' }).click();
    await page.waitForURL(`**/compliance/accounts/${accountId}`);
    await expect(
      page.getByText("This account waits for the Communications Manager's approval").isVisible(),
    ).resolves.toBe(true);
    await expect(
      page
        .getByRole('region', { name: 'Administrators and moderators (scrolls sideways on narrow screens)' })
        .getByRole('row', { name: /Mo Moss/ })
        .textContent(),
    ).resolves.toContain(`${POLICY}, version 1: missing`);
    await expect(
      page.getByRole('region', { name: 'People history (scrolls sideways on narrow screens)' }).textContent(),
    ).resolves.toContain('administrator added');
    await checkScreen(page, 'compliance-account');

    await navLink(page, 'Accounts').click();
    await expect(
      page
        .getByRole('row', { name: /norwalkhealth/ })
        .getByText('Not compliant')
        .isVisible(),
    ).resolves.toBe(true);
    await navLink(page, 'Dashboard').click();
    const out = page.getByRole('region', { name: 'Accounts out of compliance' });
    await expect(out.getByRole('link', { name: 'norwalkhealth' }).isVisible()).resolves.toBe(true);

    // Sync now explains why a pending account is not synced.
    await page.goto(`${instance.baseUrl}/accounts/${accountId}`);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(
      page
        .getByText("The sync was not started: this account is waiting for the Communications Manager's approval")
        .isVisible(),
    ).resolves.toBe(true);
    await page.close();
  });

  it('a moderator acknowledges the policy themself, and IT records a signed paper copy', async () => {
    const moderator = await browser.newPage();
    await signIn(moderator, instance.baseUrl, MO, '**/receipts');
    await checkScreen(moderator, 'receipts-moderator');
    await moderator.getByRole('button', { name: `I have received and read ${POLICY}, version 1` }).click();
    await expect(moderator.getByRole('status').textContent()).resolves.toContain('Your receipt is recorded.');
    await expect(moderator.getByText(/You acknowledged this version on \d{4}-\d{2}-\d{2}\./).isVisible()).resolves.toBe(
      true,
    );
    await moderator.close();

    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'Policies and receipts').click();
    await page.getByLabel('Policy version').selectOption({ label: `${POLICY}, version 1` });
    await page.getByLabel('Name of the person who signed').fill('Ada Admin');
    await page.getByLabel('Their email').fill('ada@town.example');
    await page.getByLabel('Signed on').fill('2026-12-01');
    await page.getByRole('button', { name: 'Record receipt' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'The signed copy of Ada Admin is recorded.',
    );
    await checkScreen(page, 'receipts-it');
    await page.close();

    const { body } = await instance.request('GET', '/api/v1/policy-receipts');
    expect(
      body.receipts.map((receipt: { personEmail: string; method: string }) => [receipt.personEmail, receipt.method]),
    ).toEqual([
      [MO.email, 'web'],
      ['ada@town.example', 'paper'],
    ]);
  });

  it('the Communications Manager approves the account from its compliance page', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, COMMS, '**/receipts');
    await navLink(page, 'Compliance').click();
    await page.getByRole('link', { name: 'norwalkhealth' }).click();
    await page.getByRole('button', { name: 'Approve this account' }).click();
    await expect(page.getByText(/^Approved by Casey Comms on/).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'compliance-approved');
    expect((await instance.request('GET', `/api/v1/accounts/${accountId}`)).body.status).toBe('active');
    await page.close();
  });
});
