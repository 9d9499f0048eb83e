import { execFile } from 'node:child_process';
import path from 'node:path';
import { startInstance, type TestInstance } from './support/start-instance';

const BIN = path.join(__dirname, '..', 'services', 'cli', 'bin', 'verbatim.cjs');
const PERSON = {
  name: 'Pat Lee',
  email: 'pat.lee@town.example',
  roles: ['foia-officer'],
  password: 'a long passphrase 42',
};

/** `npx verbatim …` against the instance's data, as IT would run it on the server. */
function verbatim(
  instance: TestInstance,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...instance.env, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error('verbatim did not run', { cause: error }));
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

describe('tokens and people from the command line', () => {
  let instance: TestInstance;

  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(() => instance.stop());

  it('creates, lists and revokes a token: the revoked token gets 401 at once', async () => {
    const created = await verbatim(instance, 'tokens', 'create', '--name', 'records script', '--role', 'foia-officer');
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout) as { id: string; token: string };
    const whoami = await fetch(`${instance.baseUrl}/api/v1/whoami`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(whoami.status).toBe(200);

    const listed = await verbatim(instance, 'tokens', 'list');
    const tokens = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; revokedAt: string | null });
    expect(tokens.find((entry) => entry.id === token.id)).toMatchObject({ revokedAt: null });
    expect(listed.stdout).not.toContain(token.token);

    expect((await verbatim(instance, 'tokens', 'revoke', token.id)).code).toBe(0);
    const refused = await fetch(`${instance.baseUrl}/api/v1/whoami`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(refused.status).toBe(401);
    expect((await verbatim(instance, 'tokens', 'revoke', 'tok_nosuch')).code).not.toBe(0);
  });

  it('disables a person, whose sign-in is then refused, and enables them again', async () => {
    const { body } = await instance.request('POST', '/api/v1/users', PERSON);
    const signIn = () =>
      fetch(`${instance.baseUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: PERSON.email, password: PERSON.password }),
      });
    expect((await verbatim(instance, 'users', 'disable', body.id)).code).toBe(0);
    const refused = await signIn();
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).toContain('person_disabled');
    expect((await verbatim(instance, 'users', 'enable', body.id)).code).toBe(0);
    expect((await signIn()).status).toBe(200);
  });
});
