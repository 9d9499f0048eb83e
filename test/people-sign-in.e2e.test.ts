import { startInstance, type TestInstance } from './support/start-instance';

const OFFICER = {
  name: 'Pat Quinn',
  email: 'pat.quinn@town.example',
  roles: ['foia-officer'],
  password: 'correct horse battery staple',
};

/** A browser-like client: keeps the session cookie it is given and sends it back. */
class CookieClient {
  cookie = '';
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, setCookie };
  }
}

describe('people sign in with a password and a session cookie', () => {
  let instance: TestInstance;
  beforeAll(async () => {
    instance = await startInstance({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => instance.stop());

  it('lets IT create a person, who signs in, works with the CSRF token, and signs out', async () => {
    const created = await instance.request('POST', '/api/v1/users', OFFICER);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Pat Quinn', email: OFFICER.email, roles: ['foia-officer'] });
    expect(created.body.password).toBeUndefined();
    expect(JSON.stringify((await instance.request('GET', '/api/v1/users')).body)).not.toContain('scrypt');

    const browser = new CookieClient(instance.baseUrl);
    const signedIn = await browser.call('POST', '/api/v1/session', {
      email: 'PAT.QUINN@town.example',
      password: OFFICER.password,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookie).toMatch(/^verbatim_session=[^;]+;.*HttpOnly/i);
    expect(signedIn.setCookie).toMatch(/SameSite=Lax/i);
    expect(signedIn.setCookie).not.toMatch(/Secure/i); // plain HTTP here; over TLS the cookie is Secure
    browser.csrf = signedIn.body.csrfToken;

    expect((await browser.call('GET', '/api/v1/session')).body).toMatchObject({
      user: { email: OFFICER.email },
      csrfToken: browser.csrf,
    });
    expect((await browser.call('GET', '/api/v1/foia-requests')).status).toBe(200);
    const request = { requester: { name: 'Sam' }, receivedAt: '2025-09-01T10:00:00-04:00', description: 'Minutes' };
    const withoutCsrf = await browser.call('POST', '/api/v1/foia-requests', request);
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.error.code).toBe('csrf_failed');
    const withCsrf = await browser.call('POST', '/api/v1/foia-requests', request, { 'x-csrf-token': browser.csrf });
    expect(withCsrf.status).toBe(201);
    expect(withCsrf.body.createdBy).toBe(created.body.id);
    // The API enforces the person's roles as it does a token's.
    expect(
      (await browser.call('POST', '/api/v1/agencies', { name: 'X', kind: 'board' }, { 'x-csrf-token': browser.csrf }))
        .status,
    ).toBe(403);

    const signedOut = await browser.call('DELETE', '/api/v1/session', undefined, { 'x-csrf-token': browser.csrf });
    expect(signedOut.status).toBe(200);
    expect(signedOut.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    browser.cookie = signedIn.setCookie!.split(';')[0]; // a stolen copy of the old cookie is worthless now
    expect((await browser.call('GET', '/api/v1/foia-requests')).status).toBe(401);
  });

  it('refuses wrong passwords and unknown emails alike, and bad input with the failing fields', async () => {
    const browser = new CookieClient(instance.baseUrl);
    const wrongPassword = await browser.call('POST', '/api/v1/session', {
      email: OFFICER.email,
      password: 'not the password',
    });
    const unknown = await browser.call('POST', '/api/v1/session', {
      email: 'nobody@town.example',
      password: 'whatever it is',
    });
    expect([wrongPassword.status, unknown.status]).toEqual([401, 401]);
    expect(wrongPassword.body.error.message).toBe(unknown.body.error.message);
    expect(browser.cookie).toBe('');

    const short = await instance.request('POST', '/api/v1/users', {
      ...OFFICER,
      email: 'other@town.example',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('password');
    expect((await instance.request('POST', '/api/v1/users', { ...OFFICER, roles: ['mayor'] })).status).toBe(400);
    expect((await instance.request('POST', '/api/v1/users', OFFICER)).status).toBe(409);
  });

  it('lets only it-admin manage people', async () => {
    const browser = new CookieClient(instance.baseUrl);
    const signedIn = await browser.call('POST', '/api/v1/session', {
      email: OFFICER.email,
      password: OFFICER.password,
    });
    const attempt = await browser.call(
      'POST',
      '/api/v1/users',
      { ...OFFICER, email: 'x@town.example' },
      { 'x-csrf-token': signedIn.body.csrfToken },
    );
    expect(attempt.status).toBe(403);
    expect((await browser.call('GET', '/api/v1/users')).status).toBe(403);
  });

  it('marks the cookie Secure when TLS ended at a trusted proxy', async () => {
    const browser = new CookieClient(instance.baseUrl);
    const signedIn = await browser.call(
      'POST',
      '/api/v1/session',
      { email: OFFICER.email, password: OFFICER.password },
      { 'x-forwarded-proto': 'https' },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.setCookie).toMatch(/; Secure/i);
  });
});
