import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { startInstance, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};
const MO = {
  name: 'Mo Moss',
  email: 'mo.moss@town.example',
  roles: ['moderator'],
  password: 'a long moderator phrase',
};
const POLICY = 'Norwalk Social Media Use Policy';
const VERSION_2 = '# Norwalk Social Media Use Policy\n\nEach employee signs a receipt of this policy.\n';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('IT uploads a policy file on the Policies and receipts page, in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;
  let documentId: string;

  const versionsOf = async (): Promise<Array<{ version: number; file: { sha256: string } | null }>> =>
    (await instance.request('GET', `/api/v1/policies/${documentId}`)).body.versions;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'City of Norwalk' });
    for (const person of [IT, MO]) expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    const policy = await instance.request('POST', '/api/v1/policies', {
      title: POLICY,
      text: 'Prior to creating a social media account for your department, approval is required.',
    });
    documentId = policy.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
  });

  it('refuses an image with the reason on the file field, then takes a Markdown file as version 2, to download', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'Policies and receipts').click();
    await page.waitForURL('**/receipts');
    await checkScreen(page, 'policy-upload-form');

    await page.getByLabel('Replaces').selectOption({ label: POLICY });
    await page
      .getByLabel('Policy file')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n') });
    await page.getByRole('button', { name: 'Upload policy' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The policy was not uploaded.');
    await expect(page.getByLabel('Policy file').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.getByText(/PDF \(application\/pdf\), text \(text\/plain\) or Markdown/).isVisible(),
    ).resolves.toBe(true);
    await checkScreen(page, 'policy-upload-refused');
    expect(await versionsOf()).toHaveLength(1);

    // The refused form keeps what was chosen, but for the file, which a browser never fills back in.
    await expect(page.getByLabel('Replaces').inputValue()).resolves.toBe(documentId);
    // A browser that cannot name Markdown's type sends it as octet-stream: the file's name says what it is.
    await page.getByLabel('Policy file').setInputFiles({
      name: 'social-media-policy.md',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(VERSION_2),
    });
    await page.getByLabel('In effect from (optional)').fill('2026-12-15');
    await page.getByRole('button', { name: 'Upload policy' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      `Version 2 of ${POLICY} is uploaded; receipts are now due for it.`,
    );
    await expect(page.getByRole('heading', { name: `${POLICY}, version 2` }).isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText(/Uploaded by Sam Ortiz/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const link = page.getByRole('link', { name: `Download ${POLICY}, version 2 (Markdown, 1 KB)` });
    const downloaded = await page.request.get(new URL((await link.getAttribute('href'))!, instance.baseUrl).href);
    expect(downloaded.status()).toBe(200);
    expect((await downloaded.body()).toString('utf8')).toBe(VERSION_2);
    await checkScreen(page, 'policy-uploaded');
    expect(await versionsOf()).toEqual([
      expect.objectContaining({ version: 1, file: null }),
      expect.objectContaining({
        version: 2,
        file: expect.objectContaining({ sha256: sha256(Buffer.from(VERSION_2)) }),
      }),
    ]);
    await page.close();
  });

  it('a moderator then acknowledges version 2; a PDF becomes a new policy with its download and no text to unfold', async () => {
    const moderator = await browser.newPage();
    await signIn(moderator, instance.baseUrl, MO, '**/receipts');
    await moderator.getByRole('button', { name: `I have received and read ${POLICY}, version 2` }).click();
    await expect(moderator.getByRole('status').textContent()).resolves.toContain('Your receipt is recorded.');
    await moderator.close();
    const { body } = await instance.request('GET', '/api/v1/policy-receipts');
    expect(
      body.receipts.map((receipt: { version: number; personEmail: string }) => [receipt.personEmail, receipt.version]),
    ).toEqual([[MO.email, 2]]);

    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await navLink(page, 'Policies and receipts').click();
    await page.getByLabel('Title (a new policy)').fill('Records Retention Policy');
    await page
      .getByLabel('Policy file')
      .setInputFiles({ name: 'retention.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Upload policy' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Records Retention Policy is uploaded.');
    await expect(
      page.getByRole('link', { name: 'Download Records Retention Policy, version 1 (PDF, 1 KB)' }).isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText('Read Records Retention Policy, version 1', { exact: true }).count()).resolves.toBe(0);
    await checkScreen(page, 'policy-uploaded-pdf');
    await page.close();
  });
});
