import type { Browser } from 'playwright-core';
import { X_TIER_NOTICES } from '@verbatim/connectors';
import { FakeX } from '@verbatim/connectors/testing';
import { axeViolations, launchBrowser, signIn } from './support/browser';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const IT = {
  name: 'Sam Ortiz',
  email: 'sam.ortiz@town.example',
  roles: ['it-admin'],
  password: 'a long it passphrase',
};

/**
 * What an X app's access tier cannot reach is said on the account, not skipped silently: a tier without search
 * gets the posts archived and the account told that residents' replies were not, and which tier reaches them.
 */
describe('an X account on an access tier without search', () => {
  let instance: TestInstance;
  let x: FakeX;
  let browser: Browser;

  beforeAll(async () => {
    x = await FakeX.start({ seed: 8, posts: 190, maxRepliesPerPost: 2, editRate: 0, tier: 'free' });
    instance = await startInstance();
    expect((await instance.request('POST', '/api/v1/users', IT)).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
    await x.close();
  });

  it('archives the posts, and the run and the account page say what the tier keeps out', async () => {
    const accountId = await registerMockAccount(
      instance,
      { type: 'x', username: 'townofx', bearerToken: x.bearerToken, apiUrl: x.apiUrl },
      'townofx',
      { platform: 'x' },
    );
    await syncOnce(instance, accountId);
    const records = (await instance.request('GET', `/api/v1/records?accountId=${accountId}&limit=1`)).body;
    expect(records.total).toBe(x.livePosts().length);

    const { runs } = (await instance.request('GET', `/api/v1/accounts/${accountId}/runs`)).body;
    expect(runs[0].outcome).toBe('completed');
    expect([...runs[0].notices].sort()).toEqual([X_TIER_NOTICES.olderReplies, X_TIER_NOTICES.searchRefused].sort());

    const page = await browser.newPage();
    await signIn(page, instance.baseUrl, IT);
    await page.goto(`${instance.baseUrl}/accounts/${accountId}`);
    const limits = page.getByRole('region', { name: 'What the platform does not give this account' });
    await expect(limits.getByText(/The Basic tier or above reaches replies/).isVisible()).resolves.toBe(true);
    await expect(limits.getByText(/search\/all, which only the Pro tier/).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
