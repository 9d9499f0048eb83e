import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { checkScreen, horizontalOverflow, launchBrowser, signIn } from './support/browser';
import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const TOWN_ZONE = 'Atlantic/Azores';
const OFFICER = {
  name: 'Robin Ash',
  email: 'robin.ash@town.example',
  roles: ['foia-officer'],
  password: 'a long officer passphrase',
};
/** Edits, hides, deletions and images on every pass, so three passes leave each kind of record to look at. */
const MOCK = {
  type: 'mock',
  seed: 21,
  posts: 40,
  maxCommentsPerPost: 6,
  editRate: 0.1,
  hideRate: 0.05,
  deleteRate: 0.05,
  imageRate: 0.3,
};

/** The number in the results heading ("1,234 records found"). */
async function totalFound(page: Page): Promise<number> {
  const heading = (await page.locator('#results-heading').textContent()) ?? '';
  expect(heading).toMatch(/^[\d,]+ records? found$/);
  return Number(heading.replace(/\D/g, ''));
}

/** The count printed beside a checkbox or radio option, e.g. "edited (12)". */
async function countBeside(page: Page, name: string, value: string): Promise<number> {
  const label = (await page.locator(`label:has(input[name="${name}"][value="${value}"])`).textContent()) ?? '';
  return Number(/\(([\d,]+)\)/.exec(label)![1].replace(/,/g, ''));
}

/** The first real option of a filter's select (after "Any …"): its value, its visible text and its count. */
async function firstOption(page: Page, selectId: string): Promise<{ value: string; text: string; count: number }> {
  const option = page.locator(`#${selectId} option`).nth(1);
  const text = ((await option.textContent()) ?? '').trim();
  return {
    value: (await option.getAttribute('value'))!,
    text,
    count: Number(/\(([\d,]+)\)$/.exec(text)![1].replace(/,/g, '')),
  };
}

async function submitSearch(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => url.href !== before);
}

const paramsOf = (page: Page) => new URL(page.url()).searchParams;
const hitLinks = (page: Page) =>
  page.locator('.hit h3 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));

describe('searching the archive and reading a record in a real browser', () => {
  let instance: TestInstance;
  let browser: Browser;
  let accountId: string;
  let foiaRequestId: string;

  beforeAll(async () => {
    // The mock posts from 2026-01-01T00:00Z, an hour per pass; in the Azores (UTC-1) the first pass's posts fall on
    // 31 December and the later ones on 1 January, so day filters show whether they read the town's calendar.
    instance = await startInstance({ TOWN_NAME: 'Town of Westport', TOWN_TIME_ZONE: TOWN_ZONE });
    expect((await instance.request('POST', '/api/v1/users', OFFICER)).status).toBe(201);
    accountId = await registerMockAccount(instance, MOCK, 'westport-dpw', { displayName: 'Westport Public Works' });
    for (let pass = 0; pass < 3; pass += 1) await syncOnce(instance, accountId);
    const officerToken = await createToken(instance, 'officer script', ['foia-officer']);
    const logged = await instance.request(
      'POST',
      '/api/v1/foia-requests',
      {
        requester: { name: 'Dana Reyes' },
        receivedAt: '2025-12-23T10:00:00-05:00',
        description: 'Every deleted comment about roads.',
      },
      officerToken,
    );
    expect(logged.status).toBe(201);
    foiaRequestId = logged.body.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
  });

  it('filters by every facet, each count matching the results it gives, with the whole search in the URL', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    const everything = await totalFound(page);
    expect(everything).toBeGreaterThan(40);
    // Agencies and accounts appear by name, never by id.
    expect((await firstOption(page, 'agencyId')).text).toBe(`Department of Public Works (${everything})`);
    expect((await firstOption(page, 'accountId')).text).toBe(`Westport Public Works on facebook (${everything})`);
    await checkScreen(page, 'search-landing');

    const checkboxFacets: Array<[string, string]> = [
      ['status', 'edited'],
      ['status', 'hidden'],
      ['status', 'deleted'],
      ['kind', 'comment'],
      ['platform', 'facebook'],
      // Policy flags, computed when each record was indexed (the mock writes phone numbers and emails).
      ['flag', 'personal-information'],
    ];
    for (const [name, value] of checkboxFacets) {
      await page.goto(`${instance.baseUrl}/search`);
      const expected = await countBeside(page, name, value);
      expect(expected).toBeGreaterThan(0);
      await page.locator(`input[name="${name}"][value="${value}"]`).check();
      await submitSearch(page);
      expect(paramsOf(page).getAll(name)).toEqual([value]);
      expect(await totalFound(page)).toBe(expected);
      if (name === 'status')
        expect(await page.locator(`.hit .badge-${value}`).count()).toBe(await page.locator('.hit').count());
    }
    // With "deleted" ticked, the other statuses still show what ticking them would give.
    expect(await countBeside(page, 'status', 'edited')).toBeGreaterThan(0);

    for (const selectId of ['agencyId', 'accountId', 'author']) {
      await page.goto(`${instance.baseUrl}/search`);
      const option = await firstOption(page, selectId);
      await page.locator(`#${selectId}`).selectOption(option.value);
      await submitSearch(page);
      expect(paramsOf(page).get(selectId)).toBe(option.value);
      expect(await totalFound(page)).toBe(option.count);
    }

    await page.goto(`${instance.baseUrl}/search`);
    const withAttachments = await countBeside(page, 'hasAttachments', 'true');
    expect(withAttachments).toBeGreaterThan(0);
    expect(withAttachments).toBeLessThan(everything);
    await page.getByRole('radio', { name: /^With attachments/ }).check();
    await submitSearch(page);
    expect(paramsOf(page).get('hasAttachments')).toBe('true');
    expect(await totalFound(page)).toBe(withAttachments);
    expect(await page.locator('.hit .meta', { hasText: /attachments?$/ }).count()).toBe(
      await page.locator('.hit').count(),
    );

    // A day on the town's calendar, oldest first: only that day's records, in order.
    await page.goto(`${instance.baseUrl}/search?sort=newest`);
    const postedTimes = () =>
      page.locator('.hit .meta time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
    const townDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: TOWN_ZONE }).format(new Date(iso));
    const day = townDay((await postedTimes())[0]);
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await page.getByLabel('Sort').selectOption('oldest');
    await submitSearch(page);
    expect([paramsOf(page).get('postedFrom'), paramsOf(page).get('postedTo'), paramsOf(page).get('sort')]).toEqual([
      day,
      day,
      'oldest',
    ]);
    const onThatDay = await totalFound(page);
    expect(onThatDay).toBeGreaterThan(0);
    expect(onThatDay).toBeLessThan(everything);
    const times = await postedTimes();
    expect(times.map(townDay).every((posted) => posted === day)).toBe(true);
    expect([...times].sort()).toEqual(times);

    // Several filters at once survive a reload: the URL is the search.
    await page.goto(`${instance.baseUrl}/search?q=the&status=edited&status=deleted&kind=comment`);
    const combined = await totalFound(page);
    await page.reload();
    expect(await totalFound(page)).toBe(combined);
    expect(await page.getByRole('checkbox', { name: /^edited/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^deleted/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^comment/ }).isChecked()).toBe(true);
    await checkScreen(page, 'search-filtered');
    await page.close();
  });

  it('pages forward and back by cursor, keyboard only, keeping its place', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    const first = await hitLinks(page);
    expect(first).toHaveLength(20);

    // Keyboard only: Tab to "Next page" with a visible focus ring, then Enter.
    const next = page.getByRole('link', { name: 'Next page' });
    for (
      let presses = 0;
      presses < 200 && !(await next.evaluate((link) => link === link.ownerDocument.activeElement));
      presses += 1
    )
      await page.keyboard.press('Tab');
    expect(await next.evaluate((link) => link.ownerDocument.defaultView!.getComputedStyle(link).outlineStyle)).toBe(
      'solid',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/cursor=/);
    expect(await page.locator('.pager [aria-current="page"]').textContent()).toBe('Page 2');
    const second = await hitLinks(page);
    expect(second.some((href) => first.includes(href))).toBe(false);
    await checkScreen(page, 'search-page-2');

    await next.click();
    await page.waitForURL(/back=/);
    expect(await page.locator('.pager [aria-current="page"]').textContent()).toBe('Page 3');
    const third = await hitLinks(page);
    expect(third.some((href) => second.includes(href) || first.includes(href))).toBe(false);

    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL((url) => !url.searchParams.has('back'));
    expect(await hitLinks(page)).toEqual(second);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cursor'));
    expect(await hitLinks(page)).toEqual(first);
    await page.close();
  });

  it('explains a bad query and suggests what to try when nothing matches', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await page.getByLabel('Words to find').fill('"road closure');
    await page.getByLabel('Words to find').press('Enter');
    await page.waitForURL(/q=/);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('never closed');
    await checkScreen(page, 'search-error');

    await page.goto(`${instance.baseUrl}/search?q=zyxwvut+qponmlk&status=hidden`);
    expect(await totalFound(page)).toBe(0);
    await expect(page.locator('.empty').textContent()).resolves.toContain('zyxwv*');
    await page.getByRole('link', { name: 'Search again without the filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    expect(paramsOf(page).get('q')).toBe('zyxwvut qponmlk');

    await page.locator('details.help summary').click();
    await expect(page.locator('details.help').textContent()).resolves.toContain('"road closure"');
    await checkScreen(page, 'search-empty');
    await page.close();
  });

  it('adds the whole search, or picked results, to an open FOIA request', async () => {
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await page.goto(`${instance.baseUrl}/search?status=deleted&sort=oldest&postedFrom=2000-01-01`);
    const found = await totalFound(page);
    const searchForm = page.locator('form', { has: page.locator('input[name="source"][value="search"]') });
    const carried = await searchForm
      .locator('input[type=hidden]')
      .evaluateAll((inputs) => inputs.map((input) => [input.getAttribute('name'), input.getAttribute('value')]));
    expect(carried.filter(([name]) => name !== 'csrf')).toEqual([
      ['source', 'search'],
      ['status', 'deleted'],
      ['postedFrom', '2000-01-01T01:00:00.000Z'],
      ['sort', 'oldest'],
    ]);
    await expect(page.getByLabel('Request for all matching records').textContent()).resolves.toContain('Dana Reyes');

    const picks = page.getByRole('checkbox', { name: /^Pick / });
    const picked = await Promise.all([0, 1].map(async (index) => (await picks.nth(index).getAttribute('value'))!));
    for (const index of [0, 1]) await picks.nth(index).check();
    await checkScreen(page, 'search-add-to-request');
    await page.getByRole('button', { name: 'Add picked records' }).click();
    await page.waitForURL(new RegExp(`/requests/${foiaRequestId}`));
    const gathered = await instance.request(
      'GET',
      `/api/v1/foia-requests/${foiaRequestId}/items`,
      undefined,
      await createToken(instance, 'reader', ['foia-officer']),
    );
    expect(gathered.body.items.map((item: { recordId: string }) => item.recordId)).toEqual(
      expect.arrayContaining(picked),
    );

    await page.goto(`${instance.baseUrl}/search?status=deleted&sort=oldest&postedFrom=2000-01-01`);
    await page.getByRole('button', { name: `Add all ${found} matching records` }).click();
    await page.waitForURL(new RegExp(`/requests/${foiaRequestId}`));
    const after = await instance.request(
      'GET',
      `/api/v1/foia-requests/${foiaRequestId}/items`,
      undefined,
      await createToken(instance, 'reader 2', ['foia-officer']),
    );
    expect(after.body.savedSearches).toHaveLength(1);
    await page.close();
  });

  it("shows an edited record's versions side by side with the changes marked, and downloads its raw capture", async () => {
    const edited = (await instance.request('GET', '/api/v1/records?status=edited&limit=50')).body.records.find(
      (record: { versionCount: number }) => record.versionCount >= 2,
    );
    const detail = (await instance.request('GET', `/api/v1/records/${edited.id}`)).body;
    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    await page.goto(`${instance.baseUrl}/records/${edited.id}`);
    await expect(page.getByRole('heading', { name: 'Version 1 → version 2' }).isVisible()).resolves.toBe(true);
    const comparison = page.locator('.comparison').first();
    expect(await comparison.locator('del, ins').count()).toBeGreaterThan(0);
    // Each side reads as its version's text once the screen-reader words are taken out.
    const sideTexts = await comparison.locator('.side .text').evaluateAll((texts) =>
      texts.map((text) => {
        const copy = text.cloneNode(true);
        copy.querySelectorAll('.visually-hidden').forEach((hidden: { remove(): void }) => hidden.remove());
        return copy.textContent;
      }),
    );
    expect(sideTexts).toEqual([detail.versions[0].text, detail.versions[1].text]);
    // Each version names who made it on the platform.
    expect(await comparison.locator('.side .meta').first().textContent()).toContain(
      `By ${detail.versions[0].author.name}`,
    );
    const announced = await comparison.locator('del .visually-hidden, ins .visually-hidden').first().textContent();
    expect(announced).toMatch(/^\[(removed|added): $/);
    await checkScreen(page, 'record-edited');

    const shownSha = (await page.locator('.hash code').first().textContent())!;
    expect(shownSha).toBe(detail.versions[0].rawCaptureSha256);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: "Download version 1's capture as received" }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shownSha);
    await page.close();
  });

  it("shows a record's archived image, its conversation and status, and fits a phone screen", async () => {
    const records = (await instance.request('GET', '/api/v1/records?hasAttachments=true&kind=comment&limit=100')).body
      .records;
    const withImage = records.find(
      (record: { attachments: Array<{ sha256?: string }>; parentPlatformId?: string }) =>
        record.attachments.some((attachment) => attachment.sha256) && record.parentPlatformId,
    );
    expect(withImage).toBeDefined();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await signIn(page, instance.baseUrl, OFFICER);
    const imageResponse = page.waitForResponse((response) => response.url().includes('/api/v1/media/'));
    await page.goto(`${instance.baseUrl}/records/${withImage.id}`);
    const response = await imageResponse;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\//);
    const image = page.locator('.media img').first();
    expect(await image.getAttribute('alt')).toMatch(/^Image attached to the comment by /);
    expect(
      await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);

    // The conversation links the post it answers and marks this record.
    const thread = page.locator('.thread');
    expect(await thread.locator('a[href^="/records/"]').count()).toBeGreaterThan(0);
    await expect(thread.locator('[aria-current="page"]').textContent()).resolves.toContain('This record');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkScreen(page, 'record-image-phone');

    // A deleted record shows when the deletion was detected, a hidden one since when it is hidden; the phone
    // stacks a comparison's two columns.
    const deleted = (await instance.request('GET', '/api/v1/records?status=deleted&limit=1')).body.records[0];
    await page.goto(`${instance.baseUrl}/records/${deleted.id}`);
    await expect(page.locator('.facts').first().textContent()).resolves.toContain('Deletion detected');
    const hidden = (await instance.request('GET', '/api/v1/records?status=hidden&limit=1')).body.records[0];
    await page.goto(`${instance.baseUrl}/records/${hidden.id}`);
    await expect(page.locator('.facts').first().textContent()).resolves.toContain('Hidden since');
    const edited = (await instance.request('GET', '/api/v1/records?status=edited&limit=50')).body.records.find(
      (record: { versionCount: number }) => record.versionCount >= 2,
    );
    await page.goto(`${instance.baseUrl}/records/${edited.id}`);
    const [left, right] = await page
      .locator('.comparison')
      .first()
      .locator('.side')
      .evaluateAll((sides) => sides.map((side) => side.getBoundingClientRect().toJSON()));
    expect(right.top).toBeGreaterThanOrEqual(left.bottom);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkScreen(page, 'record-edited-phone');
    await context.close();
  });

  it('serves archived media byte for byte to record readers only, and lists the route in the OpenAPI', async () => {
    const record = (await instance.request('GET', '/api/v1/records?hasAttachments=true&limit=20')).body.records.find(
      (found: { attachments: Array<{ sha256?: string }> }) => found.attachments.some((attachment) => attachment.sha256),
    );
    const sha = record.attachments.find((attachment: { sha256?: string }) => attachment.sha256).sha256;
    const asAdmin = await fetch(`${instance.baseUrl}/api/v1/media/${sha}`, {
      headers: { authorization: `Bearer ${instance.adminToken}` },
    });
    expect(asAdmin.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await asAdmin.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);
    const moderator = await createToken(instance, 'moderator', ['moderator']);
    expect(
      (await fetch(`${instance.baseUrl}/api/v1/media/${sha}`, { headers: { authorization: `Bearer ${moderator}` } }))
        .status,
    ).toBe(403);
    expect((await instance.request('GET', `/api/v1/media/${'0'.repeat(64)}`)).status).toBe(404);
    const openapi = (await instance.request('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(openapi.paths)).toContain('/api/v1/media/{sha256}');
  });
});
