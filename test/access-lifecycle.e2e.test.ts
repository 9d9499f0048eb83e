import { createToken } from './support/foia-fixtures';
import { registerMockAccount, startInstance, syncOnce, type TestInstance } from './support/start-instance';

const PASSWORD = 'correct horse battery staple';

/** What POST /api/v1/session answers: the signed-in person, or an error. */
interface SessionAnswer {
  user?: { id: string };
  error?: { code: string; message: string };
}

/** A sign-in from a client address of its own (the instance trusts the loopback proxy's X-Forwarded-For). */
async function signIn(instance: TestInstance, email: string, password: string, address = '198.51.100.1') {
  const response = await fetch(`${instance.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '',
    body: (await response.json()) as SessionAnswer,
  };
}

async function withCookie(instance: TestInstance, path: string, cookie: string) {
  const response = await fetch(`${instance.baseUrl}${path}`, { headers: { cookie } });
  return { status: response.status, body: await response.json() };
}

async function timedSearch(instance: TestInstance, token: string): Promise<number> {
  const started = performance.now();
  const found = await instance.request('GET', '/api/v1/records?q=road&limit=20', undefined, token);
  if (found.status !== 200) throw new Error(`search answered ${found.status}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('access lifecycle: tokens, people, sign-in throttling, whoami', () => {
  let instance: TestInstance;

  beforeAll(async () => {
    instance = await startInstance({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => instance.stop());

  it('creates a token with an expiry, lists tokens without secrets, and refuses it once expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const created = await instance.request('POST', '/api/v1/tokens', {
      name: 'audit week',
      roles: ['auditor'],
      expiresAt,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'audit week', roles: ['auditor'], expiresAt, revokedAt: null });
    expect(created.body.token).toMatch(/^vbt_/);

    const listed = await instance.request('GET', '/api/v1/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.tokens.find((token: { id: string }) => token.id === created.body.id)).toEqual({
      id: created.body.id,
      name: 'audit week',
      roles: ['auditor'],
      createdAt: created.body.createdAt,
      expiresAt,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    const whoami = await instance.request('GET', '/api/v1/whoami', undefined, created.body.token);
    expect(whoami.body).toEqual({
      id: created.body.id,
      kind: 'token',
      name: 'audit week',
      roles: ['auditor'],
      expiresAt,
    });

    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const expired = await instance.request('GET', '/api/v1/whoami', undefined, created.body.token);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toEqual({
      code: 'token_expired',
      message: `this token expired at ${expiresAt}; ask IT for a new one`,
    });
  });

  it('refuses an expiry in the past or without an offset, and creates nothing', async () => {
    const before = (await instance.request('GET', '/api/v1/tokens')).body.tokens.length;
    const past = await instance.request('POST', '/api/v1/tokens', {
      name: 'x',
      roles: ['auditor'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    const local = await instance.request('POST', '/api/v1/tokens', {
      name: 'x',
      roles: ['auditor'],
      expiresAt: '2099-01-01 10:00',
    });
    expect(local.status).toBe(400);
    expect((await instance.request('GET', '/api/v1/tokens')).body.tokens).toHaveLength(before);
  });

  it('revokes a token: 204, then its requests get 401 saying it was revoked; only IT lists and revokes', async () => {
    const secret = await createToken(instance, 'integration', ['foia-officer']);
    const { id } = (await instance.request('GET', '/api/v1/whoami', undefined, secret)).body;
    expect((await instance.request('GET', '/api/v1/tokens', undefined, secret)).status).toBe(403);
    expect((await instance.request('DELETE', `/api/v1/tokens/${id}`, undefined, secret)).status).toBe(403);

    const revoked = await fetch(`${instance.baseUrl}/api/v1/tokens/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${instance.adminToken}` },
    });
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe('');
    const refused = await instance.request('GET', '/api/v1/foia-requests', undefined, secret);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('token_revoked');
    expect(refused.body.error.message).toMatch(/^this token was revoked at .+; ask IT for a new one$/);
    const listed = (await instance.request('GET', '/api/v1/tokens')).body.tokens;
    expect(listed.find((token: { id: string }) => token.id === id).revokedAt).toEqual(expect.any(String));
    expect((await instance.request('DELETE', '/api/v1/tokens/tok_missing')).status).toBe(404);
  });

  it('disables a person (their session ends at once, sign-in refused with a clear message) and enables them', async () => {
    const person = await instance.request('POST', '/api/v1/users', {
      name: 'Dana Reyes',
      email: 'dana@town.example',
      roles: ['foia-officer'],
      password: PASSWORD,
    });
    const signedIn = await signIn(instance, 'dana@town.example', PASSWORD);
    expect(signedIn.status).toBe(200);
    const whoami = await withCookie(instance, '/api/v1/whoami', signedIn.cookie);
    expect(whoami.body).toEqual({
      id: person.body.id,
      kind: 'person',
      name: 'Dana Reyes',
      roles: ['foia-officer'],
      expiresAt: expect.any(String),
    });

    const disabled = await instance.request('POST', `/api/v1/users/${person.body.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await withCookie(instance, '/api/v1/whoami', signedIn.cookie)).status).toBe(401);
    const refused = await signIn(instance, 'dana@town.example', PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({
      code: 'person_disabled',
      message: `this person was disabled by IT at ${disabled.body.disabledAt}; ask IT to enable you again`,
    });

    const enabled = await instance.request('POST', `/api/v1/users/${person.body.id}/enable`);
    expect(enabled.body.disabledAt).toBeNull();
    expect((await signIn(instance, 'dana@town.example', PASSWORD)).status).toBe(200);
    expect((await instance.request('POST', '/api/v1/users/usr_missing/disable')).status).toBe(404);
  });

  it('locks an account after repeated failures, with a clear message and Retry-After', async () => {
    await instance.request('POST', '/api/v1/users', {
      name: 'Lee Park',
      email: 'lee@town.example',
      roles: ['foia-officer'],
      password: PASSWORD,
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // From different addresses: the account's own count locks it.
      expect((await signIn(instance, 'lee@town.example', 'wrong guess', `198.51.100.${10 + attempt}`)).status).toBe(
        401,
      );
    }
    const locked = await signIn(instance, 'LEE@town.example', PASSWORD, '198.51.100.99');
    expect(locked.status).toBe(429);
    expect(locked.body.error?.code).toBe('sign_in_locked');
    expect(locked.body.error?.message).toMatch(/^too many failed sign-ins for this account; try again after \d{4}-/);
    expect(Number(locked.retryAfter)).toBeGreaterThan(800);
  });

  it('refuses a flood of bad sign-ins before hashing while searches keep their speed', async () => {
    const accountId = await registerMockAccount(instance, {
      type: 'mock',
      seed: 7,
      posts: 60,
      maxCommentsPerPost: 4,
      pageSize: 100,
    });
    await syncOnce(instance, accountId);
    const officer = await createToken(instance, 'officer', ['foia-officer']);
    await timedSearch(instance, officer);
    const quiet: number[] = [];
    for (let i = 0; i < 10; i += 1) quiet.push(await timedSearch(instance, officer));

    let floodRunning = true;
    const statuses: number[] = [];
    const flood = (async () => {
      // Until the searches are done and the address is locked (its 20 failures hashed), at most 60 waves.
      const hashedSoFar = () => statuses.filter((status) => status === 401).length;
      for (let wave = 0; (floodRunning || hashedSoFar() < 20) && wave < 60; wave += 1) {
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            signIn(instance, `guess${wave}-${i}@town.example`, 'guess', '203.0.113.9'),
          ),
        );
        statuses.push(...answers.map((answer) => answer.status));
      }
    })();
    const busy: number[] = [];
    for (let i = 0; i < 10; i += 1) busy.push(await timedSearch(instance, officer));
    floodRunning = false;
    await flood;

    const hashed = statuses.filter((status) => status === 401).length;
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(hashed);
    // At most the address's 20 failures are ever hashed; the rest is refused before scrypt runs.
    expect(hashed).toBeLessThanOrEqual(20);
    expect(hashed).toBeGreaterThanOrEqual(1);
    // Generous, as the machine may be shared: unthrottled, the flood's hashing took most of the CPU from searches.
    expect({
      quiet: median(quiet),
      busy: median(busy),
      fast: median(busy) < Math.max(median(quiet) * 5, 1000),
    }).toEqual({
      quiet: median(quiet),
      busy: median(busy),
      fast: true,
    });
    const lockedAddress = await signIn(instance, 'dana@town.example', PASSWORD, '203.0.113.9');
    expect(lockedAddress.status).toBe(429);
    expect(lockedAddress.body.error?.message).toMatch(/from your address/);
  });
  it('shares failed sign-ins between API processes: a lockout reached through one holds at the other', async () => {
    // A second API process of the same town: same data, same Redis prefix.
    const second = await startInstance({ ...instance.env, ROLES: 'api', PORT: '0' });
    try {
      const person = await instance.request('POST', '/api/v1/users', {
        name: 'Kim Ortiz',
        email: 'kim@town.example',
        roles: ['foia-officer'],
        password: PASSWORD,
      });
      expect(person.status).toBe(201);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const via = attempt % 2 === 0 ? instance : second;
        const failed = await signIn(via, 'kim@town.example', 'wrong guess', `203.0.113.${10 + attempt}`);
        expect(failed.status).toBe(401);
      }
      for (const via of [instance, second]) {
        const locked = await signIn(via, 'kim@town.example', PASSWORD, '203.0.113.99');
        expect(locked.status).toBe(429);
        expect(locked.body.error?.code).toBe('sign_in_locked');
      }
    } finally {
      await second.stop({ keepData: true });
    }
  });
});
