import type { Browser, Page } from 'playwright-core';
import { startTestSmtpServer, type TestSmtpServer } from '@verbatim/notify/testing';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { createToken, eventually, notifyEnv } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const ATTORNEY = {
  name: 'Casey Counsel',
  email: 'casey@town.example',
  roles: ['attorney'],
  password: 'attorney words 1',
};
const MODERATOR = {
  name: 'Mo Moderator',
  email: 'mo@town.example',
  roles: ['moderator'],
  password: 'moderator words 1',
};

interface LedgerRow {
  id: string;
  recordId: string;
  kind: string;
  flagged: boolean;
  resolution: { reviewId: string | null; reason: string | null; by: string } | null;
}

/** Whether the form control passed the browser's own checks (required, minlength…). */
const isValid = (page: Page, label: string) =>
  page.getByLabel(label).evaluate((input) => (input as unknown as { validity: { valid: boolean } }).validity.valid);

describe('the moderation forms in a real browser: carried out on the platform, and a flagged ledger entry settled', () => {
  let smtp: TestSmtpServer;
  let instance: TestInstance;
  let browser: Browser;
  let attorneyToken: string;
  let flagged: LedgerRow[];

  const ledgerEntry = async (id: string): Promise<LedgerRow> =>
    (await instance.request('GET', '/api/v1/moderation-ledger', undefined, attorneyToken)).body.entries.find(
      (entry: LedgerRow) => entry.id === id,
    );

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    instance = await startInstance(notifyEnv(smtp.url));
    for (const person of [ATTORNEY, MODERATOR])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    attorneyToken = await createToken(instance, 'attorney script', ['attorney']);
    const accountId = await registerMockAccount(instance, {
      type: 'mock',
      seed: 11,
      posts: 12,
      maxCommentsPerPost: 6,
      hideRate: 0.05,
      deleteRate: 0.03,
    });
    await syncOnce(instance, accountId);
    await syncOnce(instance, accountId);
    flagged = await eventually(async () => {
      const listed = await instance.request('GET', '/api/v1/moderation-ledger?open=true', undefined, attorneyToken);
      // Residents' comments hidden or removed without a review: a moderator's removal is proposed for one.
      const comments = (listed.body.entries as LedgerRow[]).filter((entry) =>
        ['comment', 'reply'].includes(entry.kind),
      );
      return comments.length >= 2 ? comments : undefined;
    }, 'two flagged comments in the ledger');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
    await smtp?.close();
  });

  it("the moderator records on the review's page when the approved removal was carried out; a bad time is refused and changes nothing", async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, MODERATOR, '**/receipts');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
    await page.getByLabel('The comment: its link on the platform, or its record id').fill(flagged[0].recordId);
    await page.getByLabel('Spam and undecipherable language').check();
    await page.getByLabel("Note for the attorney's office").fill('the same link forty times');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.waitForURL('**/moderation/reviews');
    // Before the attorney decides, there is nothing to carry out.
    await expect(page.getByRole('link', { name: 'record when it was carried out' }).count()).resolves.toBe(0);
    const pending = await instance.request(
      'GET',
      '/api/v1/moderation-reviews?status=pending',
      undefined,
      attorneyToken,
    );
    const reviewId = pending.body.reviews[0].id as string;
    const approved = await instance.request(
      'POST',
      `/api/v1/moderation-reviews/${reviewId}/decisions`,
      { decision: 'approve' },
      attorneyToken,
    );
    expect(approved.body.status).toBe('approved');

    await page.reload();
    await page.getByRole('link', { name: 'record when it was carried out' }).click();
    await page.waitForURL(`**/moderation/reviews/${reviewId}#carried-out-heading`);
    await expect(page.getByRole('heading', { name: 'On the platform' }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'moderation-review-carried-out-form');

    // The browser asks for the time first; a time the server cannot read is refused on its field.
    await page.getByLabel(/^Carried out on the platform at/).fill('');
    await page.getByRole('button', { name: 'Record as carried out' }).click();
    await expect(isValid(page, 'Carried out on the platform at (America/New_York time)')).resolves.toBe(false);
    await page.getByLabel(/^Carried out on the platform at/).evaluate((input) => input.removeAttribute('required'));
    await page.getByRole('button', { name: 'Record as carried out' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Nothing was recorded.');
    await expect(page.getByLabel(/^Carried out on the platform at/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.getByText('Give the day and the time it was carried out on the platform.').isVisible(),
    ).resolves.toBe(true);
    await checkScreen(page, 'moderation-review-carried-out-refused');
    const untouched = await instance.request('GET', `/api/v1/moderation-reviews/${reviewId}`, undefined, attorneyToken);
    expect(untouched.body.carriedOut).toBeNull();

    await page.getByLabel(/^Carried out on the platform at/).fill('2026-12-04T09:30');
    await page.getByLabel('Note (optional)').fill('removed from the Facebook page by hand');
    await page.getByRole('button', { name: 'Record as carried out' }).click();
    await page.waitForURL(`**/moderation/reviews/${reviewId}?notice=carried-out*`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Recorded as carried out');
    await expect(page.getByText('removed from the Facebook page by hand').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Record as carried out' }).count()).resolves.toBe(0);
    await checkScreen(page, 'moderation-review-carried-out');
    const recorded = await instance.request('GET', `/api/v1/moderation-reviews/${reviewId}`, undefined, attorneyToken);
    // 9:30 on the town's clock (New York, standard time in December) is 14:30 UTC.
    expect(recorded.body.carriedOut).toMatchObject({
      at: '2026-12-04T14:30:00.000Z',
      note: 'removed from the Facebook page by hand',
    });
    await page.close();
  });

  it('the attorney settles flagged ledger entries from their pages: linking the approved review, or saying why none was needed', async () => {
    const [linked, explained] = flagged;
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, ATTORNEY);
    await page.goto(`${instance.baseUrl}/moderation/ledger?open=true`);
    await page.getByRole('link', { name: 'UNREVIEWED' }).first().click();
    await page.waitForURL(/\/moderation\/ledger\/[^/?]+$/);
    await page.goto(`${instance.baseUrl}/moderation/ledger/${linked.id}`);
    await expect(page.getByRole('heading', { name: 'Settle this entry' }).isVisible()).resolves.toBe(true);
    await checkScreen(page, 'moderation-ledger-entry');
    // The review approved in the first test is of this record: the attorney links it after the fact.
    await page.getByRole('button', { name: 'Link this review' }).click();
    await page.waitForURL(`**/moderation/ledger/${linked.id}?notice=settled`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('The entry is settled.');
    await expect(page.getByText(/^linked to review \S+ by/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Settle this entry' }).count()).resolves.toBe(0);
    expect((await ledgerEntry(linked.id)).resolution).toMatchObject({ reason: null });
    expect((await ledgerEntry(linked.id)).flagged).toBe(false);

    await page.goto(`${instance.baseUrl}/moderation/ledger/${explained.id}`);
    await expect(page.getByText('No approved review of this record is on record to link.').isVisible()).resolves.toBe(
      true,
    );
    // Three spaces pass the browser's checks but are no reason: refused on the field, nothing recorded.
    await page.getByLabel('Why no review was needed').fill('   ');
    await page.getByRole('button', { name: 'Record why no review was needed' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The entry was not settled.');
    await expect(page.getByLabel('Why no review was needed').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(page, 'moderation-ledger-entry-refused');
    expect((await ledgerEntry(explained.id)).flagged).toBe(true);

    await page.getByLabel('Why no review was needed').fill('the author deleted it themself');
    await page.getByRole('button', { name: 'Record why no review was needed' }).click();
    await page.waitForURL(`**/moderation/ledger/${explained.id}?notice=settled`);
    await expect(page.getByText(/no review needed \(the author deleted it themself\)/).isVisible()).resolves.toBe(true);
    expect((await ledgerEntry(explained.id)).resolution).toMatchObject({
      reviewId: null,
      reason: 'the author deleted it themself',
    });
    await page.close();
  });

  it('only the attorney sees the settling forms; a moderator cannot post one', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, MODERATOR, '**/receipts');
    await page.goto(`${instance.baseUrl}/moderation/ledger/${flagged[0].id}`);
    await expect(page.getByRole('heading', { name: 'Not allowed' }).isVisible()).resolves.toBe(true);
    await page.close();
  });
});
