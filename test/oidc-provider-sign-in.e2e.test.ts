import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Browser, freePort } from './support/oidc-browser';
import { startInstance, type TestInstance } from './support/start-instance';

const CLIENT_ID = 'verbatim-town';
const CLIENT_SECRET = 'a-client-secret-from-the-provider';

/** oidc-provider (certified by the OpenID Foundation) in a child process; resolves with its issuer. */
async function startCertifiedProvider(redirectUri: string, child: { process?: ChildProcess }): Promise<string> {
  const options = {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    accounts: {
      'mia.chen': { email: 'Mia.Chen@town.example', email_verified: true, name: 'Mia Chen' },
      'noah.park': { email: 'noah.park@town.example', email_verified: true, name: 'Noah Park' },
    },
  };
  const started = spawn(
    process.execPath,
    [path.join(__dirname, 'support', 'oidc-provider-process.mjs'), JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  child.process = started;
  return new Promise((resolve, reject) => {
    started.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}`)));
    started.stdout.once('data', (data: Buffer) => resolve(data.toString().trim().split('\n')[0]));
  });
}

/** Submits the provider's page (its login or consent form) and returns where it redirects. */
async function submitProviderForm(browser: Browser, page: { url: string; text: string }, form: Record<string, string>) {
  const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
  if (!action) throw new Error(`no form on the provider's page: ${page.text.slice(0, 300)}`);
  const answer = await browser.post(new URL(action, page.url).toString(), form);
  if (!answer.location)
    throw new Error(`the provider did not redirect (${answer.status}): ${answer.text.slice(0, 300)}`);
  return browser.follow(answer.location);
}

describe('sign-in through oidc-provider, a certified OpenID Connect provider, over real HTTP', () => {
  const child: { process?: ChildProcess } = {};
  let instance: TestInstance;

  beforeAll(async () => {
    const port = await freePort();
    const issuer = await startCertifiedProvider(`http://127.0.0.1:${port}/sign-in/oidc/callback`, child);
    instance = await startInstance({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: 'the town account',
    });
  });
  afterAll(async () => {
    await instance?.stop();
    child.process?.kill();
  });

  it('signs a registered person in through its login and consent pages (email from UserInfo), with their Verbatim roles', async () => {
    const created = await instance.request('POST', '/api/v1/users', {
      name: 'Mia Chen',
      email: 'mia.chen@town.example',
      roles: ['attorney'],
      password: 'correct horse battery staple',
    });
    expect(created.status).toBe(201);
    const browser = new Browser();
    const login = await browser.follow(`${instance.baseUrl}/sign-in/oidc`);
    expect(login.text).toContain('name="login"');
    const consent = await submitProviderForm(browser, login, { prompt: 'login', login: 'mia.chen', password: 'any' });
    const landed = await submitProviderForm(browser, consent, { prompt: 'consent' });
    expect(landed).toMatchObject({ status: 200, url: `${instance.baseUrl}/search` });
    expect(landed.text).toContain('Mia Chen');
    const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
      headers: { cookie: `verbatim_session=${browser.cookies.get('verbatim_session')}` },
    });
    expect(await session.json()).toMatchObject({ user: { id: created.body.id, roles: ['attorney'] } });
  });

  it('refuses a person the provider knows and Verbatim does not, saying whom to ask', async () => {
    const browser = new Browser();
    const login = await browser.follow(`${instance.baseUrl}/sign-in/oidc`);
    const consent = await submitProviderForm(browser, login, { prompt: 'login', login: 'noah.park', password: 'any' });
    const refused = await submitProviderForm(browser, consent, { prompt: 'consent' });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('noah.park@town.example is not registered in Verbatim. Ask IT to register');
    expect(browser.cookies.has('verbatim_session')).toBe(false);
  });
});
