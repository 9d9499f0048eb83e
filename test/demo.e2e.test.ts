import type { Logger } from '@verbatim/runtime';
import { runDemo } from '@verbatim/embedded-service';
import { startInstance, type TestInstance } from './support/start-instance';

interface PrintedSignIn {
  title: string;
  email: string;
  password: string;
}

/** What a newcomer reads on the terminal: each person's line, the web address and the token's curl line. */
function readBanner(text: string) {
  const people: PrintedSignIn[] = [
    ...text.matchAll(
      /^ {2}(IT administrator|FOIA officer|Attorney|Moderator|IT director|Communications manager) +(\S+@\S+) +password: (\S+)$/gm,
    ),
  ].map(([, title, email, password]) => ({ title, email, password }));
  const webUrl = /Sign in to the web application at (\S+) as:/.exec(text)?.[1];
  const token = /Authorization: Bearer (\S+)'/.exec(text)?.[1];
  return { people, webUrl, token };
}

/** Runs the demo on a started instance as `npm run demo` does, keeping what it prints and what it logs. */
async function runDemoOn(instance: TestInstance, publicUrl?: string) {
  let printed = '';
  const logged: string[] = [];
  const logger = { info: (...args: unknown[]) => void logged.push(JSON.stringify(args)) } as unknown as Logger;
  const { catalog, people } = instance.running.backends;
  await runDemo({
    catalog,
    people,
    queue: instance.running.queue,
    port: instance.running.port,
    publicUrl,
    logger,
    write: (text) => void (printed += text),
  });
  return { printed, logged: logged.join('\n'), ...readBanner(printed) };
}

/** Signs in through the web application's form, as a browser does; returns the session cookie, if any. */
async function signInOnThePage(instance: TestInstance, email: string, password: string) {
  const response = await fetch(`${instance.baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    cookie: response.headers.get('set-cookie')?.split(';')[0],
  };
}

async function call(
  instance: TestInstance,
  method: string,
  path: string,
  cookie: string,
  csrf?: string,
  body?: unknown,
) {
  const response = await fetch(`${instance.baseUrl}${path}`, {
    method,
    headers: {
      cookie,
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('the demo creates people who can sign in, and prints their details', () => {
  let instance: TestInstance;
  beforeAll(async () => {
    instance = await startInstance();
  });
  afterAll(() => instance.stop());

  it('prints an IT administrator, a FOIA officer, an attorney, a moderator, an IT director and a communications manager who sign in with their roles, and a working token', async () => {
    const demo = await runDemoOn(instance);
    expect(demo.webUrl).toBe(`http://localhost:${instance.running.port}/`);
    expect(demo.people.map((person) => person.title)).toEqual([
      'IT administrator',
      'FOIA officer',
      'Attorney',
      'Moderator',
      'IT director',
      'Communications manager',
    ]);
    for (const person of demo.people) expect(person.password.length).toBeGreaterThanOrEqual(12);
    // The structured log names the people but never a password or the token.
    expect(demo.logged).toContain(demo.people[0].email);
    for (const secret of [...demo.people.map((person) => person.password), demo.token!])
      expect(demo.logged).not.toContain(secret);

    const signedIn = await Promise.all(
      demo.people.map(async (person) => {
        const session = await fetch(`${instance.baseUrl}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: person.email, password: person.password }),
        });
        expect(session.status).toBe(200);
        const body = (await session.json()) as { user: { roles: string[] }; csrfToken: string };
        return {
          ...person,
          roles: body.user.roles,
          csrf: body.csrfToken,
          cookie: session.headers.get('set-cookie')!.split(';')[0],
        };
      }),
    );
    const [it, officer, attorney, moderator] = signedIn;
    expect(signedIn.map((person) => person.roles)).toEqual([
      ['it-admin'],
      ['foia-officer'],
      ['attorney'],
      ['moderator'],
      ['it-director'],
      ['communications-manager'],
    ]);
    // The moderator proposes reviews, which the others' roles do not.
    const categories = await call(instance, 'GET', '/api/v1/policy-categories', moderator.cookie);
    expect(categories.status).toBe(200);

    // The demo accounts register demo people as their administrators and moderator, with full contact details,
    // so the compliance page names no registry gap for them.
    const compliance = await call(instance, 'GET', '/api/v1/compliance', it.cookie);
    expect(compliance.status).toBe(200);
    const accounts = (await instance.running.backends.catalog.listAccounts()).filter((account) =>
      account.handle.startsWith('demo-'),
    );
    expect(accounts).toHaveLength(2);
    for (const account of accounts) {
      expect(account.administrators.map((person) => person.email)).toEqual([
        'it.demo@town.example.gov',
        'itdirector.demo@town.example.gov',
      ]);
      const entry = (compliance.body as { accounts: Array<{ accountId: string; reasons: string[] }> }).accounts.find(
        (candidate) => candidate.accountId === account.id,
      )!;
      expect(entry.reasons.filter((reason) => /administrator|moderator|Contact details/.test(reason))).toEqual([]);
    }

    // Each can do their group's work, and not another's.
    expect(
      (
        await call(instance, 'POST', '/api/v1/agencies', it.cookie, it.csrf, {
          name: 'Board of Finance',
          kind: 'board',
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(instance, 'POST', '/api/v1/agencies', officer.cookie, officer.csrf, { name: 'Nope', kind: 'board' }))
        .status,
    ).toBe(403);
    const request = {
      requester: { name: 'Dana Reyes' },
      receivedAt: '2026-09-01T10:00:00-04:00',
      description: 'Removed comments',
    };
    expect((await call(instance, 'POST', '/api/v1/foia-requests', officer.cookie, officer.csrf, request)).status).toBe(
      201,
    );
    expect(
      (await call(instance, 'POST', '/api/v1/foia-requests', attorney.cookie, attorney.csrf, request)).status,
    ).toBe(403);
    const log = await call(instance, 'GET', '/api/v1/foia-requests', attorney.cookie);
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).toContain('Dana Reyes');

    // The web application's sign-in form takes the same details.
    const page = await signInOnThePage(instance, officer.email, officer.password);
    expect(page).toMatchObject({ status: 303, location: '/search' });
    expect(page.cookie).toMatch(/^verbatim_session=/);

    const search = await fetch(`${instance.baseUrl}/api/v1/records?q=road&limit=5`, {
      headers: { authorization: `Bearer ${demo.token}` },
    });
    expect(search.status).toBe(200);
  });

  it('on a later start creates no one twice, and prints new passwords that work while the old ones stop', async () => {
    const first = await runDemoOn(instance, 'https://verbatim.town.example.gov/');
    const firstSession = await signInOnThePage(instance, first.people[1].email, first.people[1].password);
    expect(firstSession.status).toBe(303);
    expect((await call(instance, 'GET', '/api/v1/session', firstSession.cookie!)).status).toBe(200);

    const second = await runDemoOn(instance, 'https://verbatim.town.example.gov/');
    expect(second.webUrl).toBe('https://verbatim.town.example.gov/');
    expect(second.printed).toContain('created by an earlier demo start: their passwords are now the ones above');
    expect(second.people.map((person) => person.email)).toEqual(first.people.map((person) => person.email));
    const { users } = (await instance.request('GET', '/api/v1/users')).body as { users: Array<{ email: string }> };
    for (const person of second.people) expect(users.filter((user) => user.email === person.email)).toHaveLength(1);

    for (const [index, person] of second.people.entries()) {
      expect(person.password).not.toBe(first.people[index].password);
      expect((await signInOnThePage(instance, person.email, first.people[index].password)).status).toBe(401);
      // Those who read records land on the search; the others on their policy receipts.
      const landing = ['IT administrator', 'FOIA officer', 'Attorney'].includes(person.title) ? '/search' : '/receipts';
      expect(await signInOnThePage(instance, person.email, person.password)).toMatchObject({
        status: 303,
        location: landing,
      });
    }
    // A reset ends the sessions signed in with the old password.
    expect((await call(instance, 'GET', '/api/v1/session', firstSession.cookie!)).status).toBe(401);
  });
});
