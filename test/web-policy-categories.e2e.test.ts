import type { Browser, Page } from 'playwright-core';
import { checkScreen, launchBrowser, signIn } from './support/browser';
import { startInstance, type TestInstance } from './support/start-instance';

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

describe('the removal categories page in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;

  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    for (const person of [ATTORNEY, MODERATOR])
      expect((await instance.request('POST', '/api/v1/users', person)).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  const categoriesInUse = async () =>
    ((await instance.request('GET', '/api/v1/policy-categories')).body.categories as Array<{ label: string }>).map(
      (category) => category.label,
    );

  it('the attorney adds, renames, retires and brings back a category; a viewpoint rule is refused as a form error, changing nothing', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, ATTORNEY);
    await navLink(page, 'Moderation').click();
    await page.getByRole('link', { name: 'Removal categories' }).click();
    await page.waitForURL('**/moderation/categories');
    await expect(page.getByRole('table').locator('caption').textContent()).resolves.toBe('13 in use, 0 retired');
    await checkScreen(page, 'categories-keeper');

    // A viewpoint rule: refused beside the field, announced, the typed text kept, nothing added.
    await page.getByLabel('Wording', { exact: true }).fill('Disagrees with the First Selectman');
    await page.getByRole('button', { name: 'Add category' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Nothing was changed.');
    await expect(page.locator('#label-error').textContent()).resolves.toContain('may not stand for a viewpoint');
    await expect(page.getByLabel('Wording', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Wording', { exact: true }).inputValue()).resolves.toBe(
      'Disagrees with the First Selectman',
    );
    await checkScreen(page, 'categories-viewpoint-refused');
    expect(await categoriesInUse()).toHaveLength(13);

    await page.getByLabel('Wording', { exact: true }).fill('Posts the same advertisement repeatedly');
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.waitForURL('**/moderation/categories');
    await expect(page.getByRole('table').locator('caption').textContent()).resolves.toBe('14 in use, 0 retired');
    expect(await categoriesInUse()).toContain('Posts the same advertisement repeatedly');

    // Renaming to a viewpoint rule is refused on that row; a plain wording is taken.
    const rename = page.getByLabel('New wording for “Posts the same advertisement repeatedly”');
    await rename.fill('Criticizes the town council');
    await page.getByRole('button', { name: 'Rename “Posts the same advertisement repeatedly”' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Nothing was changed.');
    await expect(
      page.getByLabel('New wording for “Posts the same advertisement repeatedly”').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expect(page.getByText('may not stand for a viewpoint').first().isVisible()).resolves.toBe(true);
    await checkScreen(page, 'categories-rename-refused');
    expect(await categoriesInUse()).toContain('Posts the same advertisement repeatedly');
    await page.getByLabel('New wording for “Posts the same advertisement repeatedly”').fill('Repeated advertising');
    await page.getByRole('button', { name: 'Rename “Posts the same advertisement repeatedly”' }).click();
    await page.waitForURL('**/moderation/categories');
    expect(await categoriesInUse()).toContain('Repeated advertising');

    await page.getByRole('button', { name: 'Retire “Repeated advertising”' }).click();
    await page.waitForURL('**/moderation/categories');
    await expect(page.getByRole('table').locator('caption').textContent()).resolves.toBe('13 in use, 1 retired');
    expect(await categoriesInUse()).not.toContain('Repeated advertising');
    await checkScreen(page, 'categories-retired');
    await page.getByRole('button', { name: 'Bring back “Repeated advertising”' }).click();
    await page.waitForURL('**/moderation/categories');
    expect(await categoriesInUse()).toContain('Repeated advertising');
    await page.close();
  });

  it('a moderator reads the categories with no form to change them, and cannot post one', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, MODERATOR, '**/receipts');
    await navLink(page, 'Moderation').click();
    await page.getByRole('link', { name: 'Removal categories' }).click();
    await page.waitForURL('**/moderation/categories');
    await expect(page.getByText('Spam and undecipherable language').isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByRole('button')
        .filter({ hasText: /Add category|Rename|Retire/ })
        .count(),
    ).resolves.toBe(0);
    await checkScreen(page, 'categories-reader');
    const refused = await page.evaluate(async () => {
      const response = await fetch('/moderation/categories', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'label=Anything',
      });
      return response.status;
    });
    expect(refused).toBe(403);
    await page.close();
  });
});
