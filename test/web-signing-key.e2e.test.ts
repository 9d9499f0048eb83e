import type { Browser } from 'playwright-core';
import { checkScreen, horizontalOverflow, launchBrowser, signIn } from './support/browser';
import { startInstance, type TestInstance } from './support/start-instance';

const MODERATOR = {
  name: 'Ana Reyes',
  email: 'ana.reyes@town.example',
  roles: ['moderator'],
  password: 'a moderator passphrase',
};

describe('the signing key page', () => {
  let instance: TestInstance;
  let browser: Browser;
  beforeAll(async () => {
    instance = await startInstance({ TOWN_NAME: 'Town of Westport' });
    expect((await instance.request('POST', '/api/v1/users', MODERATOR)).status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await instance.stop();
  });

  it('shows anyone signed in the public key, its fingerprint and the openssl commands; the PEM is public', async () => {
    const anonymous = await fetch(`${instance.baseUrl}/signing-key`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    const pem = await fetch(`${instance.baseUrl}/signing-key.pem`);
    expect(pem.status).toBe(200);
    const publicKey = await pem.text();
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await signIn(page, instance.baseUrl, MODERATOR, '**/receipts');
    await page.goto(`${instance.baseUrl}/signing-key`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe("The town's signing key");
    const shown = await page.getByLabel('Public key in PEM').textContent();
    expect(shown).toBe(publicKey);
    await expect(
      page.getByText('openssl pkeyutl -verify -pubin -inkey town-signing-key.pem').isVisible(),
    ).resolves.toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await checkScreen(page, 'signing-key-phone');
    await context.close();
  });
});
