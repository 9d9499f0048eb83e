import { checkScreen, launchBrowser } from './support/browser';
import { Browser, freePort } from './support/oidc-browser';
import { TestOidcProvider } from './support/oidc-provider';
import { startInstance, type TestInstance } from './support/start-instance';

const CLIENT_ID = 'verbatim-town';
const CLIENT_SECRET = 'a-client-secret-from-the-provider';
const PASSWORD = 'correct horse battery staple';

async function instanceWithProvider(provider: TestOidcProvider, env: Record<string, string> = {}) {
  const port = await freePort();
  return startInstance({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_NAME: 'Microsoft',
    ...env,
  });
}

async function register(instance: TestInstance, name: string, email: string, roles: string[]) {
  const created = await instance.request('POST', '/api/v1/users', { name, email, roles, password: PASSWORD });
  expect(created.status).toBe(201);
  return created.body as { id: string };
}

async function lastSignInAudit(instance: TestInstance) {
  const { body } = await instance.request('GET', '/api/v1/audit?action=session.sign-in&limit=1');
  return body.entries[0];
}

describe('sign-in through the town’s OpenID Connect provider, over real HTTP', () => {
  let provider: TestOidcProvider;
  let instance: TestInstance;

  beforeAll(async () => {
    provider = await new TestOidcProvider(CLIENT_ID, CLIENT_SECRET).start();
    instance = await instanceWithProvider(provider);
  });
  afterAll(async () => {
    await instance.stop();
    await provider.stop();
  });

  it('signs a registered person in, with PKCE, state and nonce, onto their page with their Verbatim roles', async () => {
    const fay = await register(instance, 'Fay Ortiz', 'fay.ortiz@town.example', ['foia-officer']);
    // The provider's word on roles counts for nothing: Verbatim's do.
    provider.person = { sub: 'entra-fay', email: 'Fay.Ortiz@town.example', email_verified: true, roles: ['it-admin'] };
    const browser = new Browser();
    const page = await browser.get(`${instance.baseUrl}/sign-in`);
    expect(page.text).toContain('<a class="button" href="/sign-in/oidc">Sign in with Microsoft</a>');
    expect(page.text).toContain('type="password"');

    const landed = await browser.follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(landed).toMatchObject({ status: 200, url: `${instance.baseUrl}/search` });
    expect(landed.text).toContain('Fay Ortiz');
    const asked = provider.authorizationRequests.at(-1)!;
    expect(Object.fromEntries(asked)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: 'openid email profile',
      redirect_uri: `${instance.baseUrl}/sign-in/oidc/callback`,
      code_challenge_method: 'S256',
    });
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(browser.cookies.has('verbatim_oidc')).toBe(false);

    const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
      headers: { cookie: `verbatim_session=${browser.cookies.get('verbatim_session')}` },
    });
    expect(await session.json()).toMatchObject({ user: { id: fay.id, roles: ['foia-officer'] } });
    expect(await lastSignInAudit(instance)).toMatchObject({
      actor: fay.id,
      outcome: 'success',
      details: { method: 'oidc', issuer: provider.issuer, subject: 'entra-fay' },
    });
    const audited = JSON.stringify((await instance.request('GET', '/api/v1/audit?limit=20')).body);
    expect(audited).not.toMatch(/code=|id_token|eyJ/);

    // Linked now: her email changing at the provider does not lock her out.
    provider.person = { sub: 'entra-fay', email: 'fay.o@town.example', email_verified: true };
    expect(await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`)).toMatchObject({ status: 200 });
  });

  it('refuses a new account at the provider with a linked person’s email until IT clears the old link', async () => {
    const nia = await register(instance, 'Nia', 'nia@town.example', ['foia-officer']);
    provider.person = { sub: 'entra-nia', email: 'nia@town.example', email_verified: true };
    expect(await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`)).toMatchObject({ status: 200 });
    provider.person = { sub: 'entra-nia-new', email: 'nia@town.example', email_verified: true };
    const refused = await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('The Verbatim person nia@town.example is linked to another Microsoft account.');

    const cleared = await instance.request('DELETE', `/api/v1/users/${nia.id}/oidc-link`);
    expect(cleared).toMatchObject({
      status: 200,
      body: { user: { id: nia.id }, unlinked: { issuer: provider.issuer, subject: 'entra-nia' } },
    });
    const { body } = await instance.request('GET', '/api/v1/audit?action=user.oidc-unlink&limit=1');
    expect(body.entries[0]).toMatchObject({ target: nia.id, details: { subject: 'entra-nia' } });
    expect(await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`)).toMatchObject({ status: 200 });
    expect((await instance.request('DELETE', `/api/v1/users/${nia.id}/oidc-link`)).body).toMatchObject({
      unlinked: { subject: 'entra-nia-new' },
    });
    expect((await instance.request('DELETE', `/api/v1/users/${nia.id}/oidc-link`)).body.unlinked).toBeNull();
    expect((await instance.request('DELETE', '/api/v1/users/usr_missing/oidc-link')).status).toBe(404);
  });

  it('works in a real browser with the keyboard, the page and its refusal passing the accessibility checks', async () => {
    await register(instance, 'Ola', 'ola@town.example', ['moderator']);
    const chromium = await launchBrowser();
    try {
      const page = await chromium.newPage();
      await page.goto(`${instance.baseUrl}/sign-in`);
      await checkScreen(page, 'sign-in-oidc');
      provider.person = { sub: 'entra-ola', email: 'ola@town.example', email_verified: true };
      await page.getByRole('link', { name: 'Sign in with Microsoft' }).press('Enter');
      // A moderator reads no records: they land on the policies to acknowledge.
      await page.waitForURL('**/receipts');

      const other = await chromium.newPage();
      provider.person = { sub: 'entra-pam', email: 'pam@town.example', email_verified: true };
      await other.goto(`${instance.baseUrl}/sign-in`);
      await other.getByRole('link', { name: 'Sign in with Microsoft' }).press('Enter');
      await other.waitForURL('**/sign-in/oidc/callback?*');
      await expect(other.getByRole('alert').textContent()).resolves.toContain('Ask IT to register pam@town.example.');
      await checkScreen(other, 'sign-in-oidc-refused');
    } finally {
      await chromium.close();
    }
  });

  it('refuses an email IT has not registered, saying whom to ask, and audits why', async () => {
    provider.person = { sub: 'entra-gus', email: 'gus@town.example', email_verified: true };
    const refused = await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain(
      'gus@town.example is not registered in Verbatim. Ask IT to register gus@town.example.',
    );
    expect(await lastSignInAudit(instance)).toMatchObject({
      outcome: 'denied',
      target: 'gus@town.example',
      details: { method: 'oidc', reason: 'email not registered', email: 'gus@town.example' },
    });
  });

  it('refuses an email the provider does not vouch for (no email_verified)', async () => {
    await register(instance, 'Ike', 'ike@town.example', ['auditor']);
    provider.person = { sub: 'entra-ike', email: 'ike@town.example' };
    const refused = await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Microsoft does not vouch for the email address ike@town.example');
  });

  it('refuses a disabled person with the message password sign-in gives', async () => {
    const hal = await register(instance, 'Hal', 'hal@town.example', ['auditor']);
    expect((await instance.request('POST', `/api/v1/users/${hal.id}/disable`)).status).toBe(200);
    provider.person = { sub: 'entra-hal', email: 'hal@town.example', email_verified: true };
    const browser = new Browser();
    const refused = await browser.follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/this person was disabled by IT at .*; ask IT to enable you again/);
    expect(browser.cookies.has('verbatim_session')).toBe(false);
  });

  it('refuses a tampered state, and the sign-in it belonged to cannot be finished afterwards', async () => {
    await register(instance, 'Jo', 'jo@town.example', ['foia-officer']);
    provider.person = { sub: 'entra-jo', email: 'jo@town.example', email_verified: true };
    const browser = new Browser();
    const callback = await browser.callbackFromProvider(instance.baseUrl);
    const rightState = callback.searchParams.get('state')!;
    callback.searchParams.set('state', `${rightState.slice(1)}x`);
    const tampered = await browser.follow(callback.toString());
    expect(tampered.status).toBe(401);
    expect(tampered.text).toContain('did not match the sign-in this browser started. Start again.');
    expect(await lastSignInAudit(instance)).toMatchObject({ outcome: 'denied', details: { reason: 'state mismatch' } });
    callback.searchParams.set('state', rightState);
    const replayed = await browser.follow(callback.toString());
    expect(replayed.status).toBe(401);
    expect(replayed.text).toContain('started in another browser or tab. Start again.');
    expect(browser.cookies.has('verbatim_session')).toBe(false);
  });

  it('refuses the answer in a browser that did not start the sign-in', async () => {
    provider.person = { sub: 'entra-jo', email: 'jo@town.example', email_verified: true };
    const callback = await new Browser().callbackFromProvider(instance.baseUrl);
    const elsewhere = await new Browser().follow(callback.toString());
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.text).toContain('started in another browser or tab');
  });

  it.each([
    ['the wrong audience', { audience: 'another-application' }, /aud/],
    ['the wrong nonce', { nonce: 'a-nonce-of-another-sign-in' }, /nonce/],
    ['a signature from a key not in the JWKS', { foreignKey: true }, /signature/i],
    ['an expiry in the past', { expired: true }, /exp/],
  ])('refuses an ID token with %s, signing nobody in', async (_what, tamper, reason) => {
    await instance.request('POST', '/api/v1/users', {
      name: 'Kim',
      email: 'kim@town.example',
      roles: ['attorney'],
      password: PASSWORD,
    });
    provider.person = { sub: 'entra-kim', email: 'kim@town.example', email_verified: true };
    provider.tamper = tamper;
    const browser = new Browser();
    const refused = await browser.follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Verbatim could not verify the answer from Microsoft, so you are not signed in.');
    expect(browser.cookies.has('verbatim_session')).toBe(false);
    const audit = await lastSignInAudit(instance);
    expect(audit).toMatchObject({ outcome: 'denied', details: { method: 'oidc' } });
    expect(audit.details.reason).toMatch(reason);
  });

  it('says what the provider answered when it refused to sign the person in', async () => {
    provider.nextAuthorizationError = 'access_denied';
    const refused = await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Microsoft did not sign you in (The person declined to sign in.)');
  });
});

describe('OIDC_ONLY, and a provider that cannot be reached', () => {
  let provider: TestOidcProvider;
  beforeAll(async () => {
    provider = await new TestOidcProvider(CLIENT_ID, CLIENT_SECRET).start();
  });
  afterAll(() => provider.stop());

  it('refuses password sign-in on the page and the API, while API tokens work as before', async () => {
    const instance = await instanceWithProvider(provider, { OIDC_ONLY: 'true' });
    try {
      await register(instance, 'Lee', 'lee@town.example', ['foia-officer']);
      const page = await new Browser().get(`${instance.baseUrl}/sign-in`);
      expect(page.text).toContain('Sign in with Microsoft');
      expect(page.text).not.toContain('type="password"');
      const api = await fetch(`${instance.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'lee@town.example', password: PASSWORD }),
      });
      expect(api.status).toBe(403);
      expect(await api.json()).toMatchObject({
        error: {
          code: 'password_sign_in_off',
          message: 'password sign-in is turned off here; sign in with Microsoft instead',
        },
      });
      const form = await fetch(`${instance.baseUrl}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=lee%40town.example&password=${encodeURIComponent(PASSWORD)}`,
        redirect: 'manual',
      });
      expect(form.status).toBe(403);
      expect(await form.text()).toContain('password sign-in is turned off here; sign in with Microsoft instead');
      provider.person = { sub: 'entra-lee', email: 'lee@town.example', email_verified: true };
      expect(await new Browser().follow(`${instance.baseUrl}/sign-in/oidc`)).toMatchObject({ status: 200 });
      expect((await instance.request('GET', '/api/v1/whoami')).status).toBe(200);
    } finally {
      await instance.stop();
    }
  });

  it('starts without the provider, warns in the log, and shows the button disabled with what to do', async () => {
    const gone = await freePort();
    const logLines: string[] = [];
    const port = await freePort();
    const instance = await startInstance(
      {
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        OIDC_ISSUER: `http://127.0.0.1:${gone}`,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_NAME: 'Microsoft',
      },
      { logLines },
    );
    try {
      const page = await new Browser().get(`${instance.baseUrl}/sign-in`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        '<button type="button" disabled aria-describedby="provider-down">Sign in with Microsoft</button>',
      );
      expect(page.text).toContain('Verbatim cannot reach it. Try again in a few minutes; if it lasts, tell IT.');
      expect(page.text).toContain('type="password"');
      const started = await new Browser().get(`${instance.baseUrl}/sign-in/oidc`);
      expect(started.status).toBe(503);
      expect(started.text).toContain('Sign-in with Microsoft is unavailable right now');
      expect(logLines.join('\n')).toContain('OpenID Connect: cannot reach the identity provider');
    } finally {
      await instance.stop();
    }
  });
});
