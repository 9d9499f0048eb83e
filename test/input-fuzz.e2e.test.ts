import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { RoleSchema } from '@verbatim/core';
import { createToken } from './support/foia-fixtures';
import { DocumentedRoute, documentedRoutes } from './support/openapi-routes';
import { stateDigest } from './support/state-digest';
import { TestInstance, startInstance } from './support/start-instance';

/** Seeded and bounded, so a failure replays and CI stays fast. */
const SEED = 19;
const API_RUNS = 200;
const FORM_RUNS = 120;

/** Every form the pages post to (services/web), ids filled with ones that do not exist; signing out is left out. */
const WEB_FORMS = [
  '/sign-in',
  '/agencies',
  '/people',
  '/people/user_missing/roles',
  '/accounts',
  '/accounts/acc_missing',
  '/accounts/acc_missing/sync',
  '/accounts/acc_missing/imports',
  '/accounts/acc_missing/notifications/dlv_missing/resend',
  '/compliance/accounts/acc_missing/approve',
  '/retention',
  '/retention/ret_missing/retire',
  '/legal-holds',
  '/legal-holds/hold_missing/release',
  '/disposition',
  '/policies',
  '/receipts',
  '/receipts/paper',
  '/moderation/reviews',
  '/moderation/reviews/rev_missing/decisions',
  '/moderation/reviews/rev_missing/carried-out',
  '/moderation/ledger/led_missing/resolution',
  '/requests/new',
  '/requests/items',
  '/requests/req_missing/items',
  '/requests/req_missing/items/rec_missing',
  '/requests/req_missing/items/rec_missing/remove',
  '/requests/req_missing/items/rec_missing/let-stand',
  '/requests/req_missing/bundles',
  '/requests/req_missing/bundles/bdl_missing/verify',
  '/requests/req_missing/transitions',
  '/requests/req_missing/notifications/dlv_missing/resend',
];

/** What a response must never show: a stack frame, a source or module path. */
const LEAK = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\/work\/|\/home\/|\/tmp\/|Error: /;

/** A malformed body: the bytes, and what the fuzz meant to break. */
const malformedJson: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  fc
    .record({ __proto__: fc.jsonValue(), name: fc.string() })
    .map((value) =>
      Buffer.from(
        `{"__proto__":${JSON.stringify(value.__proto__)},"constructor":{"prototype":{"x":1}},"name":${JSON.stringify(value.name)}}`,
      ),
    ),
  fc
    .integer({ min: 1_000, max: 1_200_000 })
    .map((size) => Buffer.from(`{"name":"${'a'.repeat(size)}","kind":"board"}`)),
  fc.integer({ min: 50, max: 200_000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.integer({ min: 50, max: 5_000 }).map((depth) => Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
  fc.string().map((text) => Buffer.from(JSON.stringify({ name: `${text}\u0000`, q: text, kind: 'board' }))),
  fc
    .uint8Array({ minLength: 1, maxLength: 8 })
    .map((bytes) =>
      Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bytes.map((byte) => byte | 0x80)), Buffer.from('"}')]),
    ),
  fc.string().map((text) => Buffer.from(`{"name":"\\ud800${text.replace(/["\\]/g, '')}"}`)),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify({ a: value }).slice(0, -1))),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

const encodings = fc.constantFrom('identity', 'identity', 'gzip', 'gzip-lie', 'br', 'compress');

function encoded(body: Uint8Array, encoding: string): { bytes: Uint8Array; header?: string } {
  if (encoding === 'identity') return { bytes: body };
  if (encoding === 'gzip') return { bytes: gzipSync(body), header: 'gzip' };
  if (encoding === 'gzip-lie') return { bytes: body, header: 'gzip' };
  return { bytes: body, header: encoding };
}

async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method, headers, body, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

describe('fuzz: malformed input to every JSON route and web form', () => {
  let instance: TestInstance;
  let everyRole: string;
  let routes: DocumentedRoute[];

  beforeAll(async () => {
    instance = await startInstance();
    everyRole = await createToken(instance, 'every role', [...RoleSchema.options]);
    // Routes that answer a valid call by starting background work would change state after the answer.
    routes = (await documentedRoutes(instance)).filter((route) => route.readsJson);
  });
  afterAll(() => instance.stop());

  it('never answers 5xx, never leaks a stack or a path, and changes nothing when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        malformedJson,
        contentTypes,
        encodings,
        fc.constantFrom('x_missing', '%FF', 'a%00b', '..', 'a'.repeat(3000)),
        async (route, body, contentType, encoding, parameter) => {
          const { bytes, header } = encoded(body, encoding);
          const before = await stateDigest(instance);
          const url = `${instance.baseUrl}${route.path.replace(/\{\w+\}/g, parameter)}`;
          const headers: Record<string, string> = {
            authorization: `Bearer ${everyRole}`,
            ...(contentType ? { 'content-type': contentType } : {}),
            ...(header ? { 'content-encoding': header } : {}),
          };
          const { status, text } = await send(url, route.method, headers, bytes);
          expect([route.method, route.path, status < 500]).toEqual([route.method, route.path, true]);
          expect(text).not.toMatch(LEAK);
          if (status >= 400) expect(await stateDigest(instance)).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: API_RUNS, endOnFailure: true },
    );
  });

  it('never answers a web form or search with a 5xx or a leak, and changes nothing when it refuses', async () => {
    const person = { name: 'Fuzz Person', email: 'fuzz@town.example', password: 'a long enough password' };
    expect(
      (await instance.request('POST', '/api/v1/users', { ...person, roles: [...RoleSchema.options] })).status,
    ).toBe(201);
    const signIn = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const field = fc.oneof(
      fc.string(),
      fc.string().map((text) => `${encodeURIComponent(text)}%00`),
      fc.constantFrom('%FF', '%C3', '%E0%A4%A', '%ZZ', '%', '+%2B', '2026-02-30', '-1', '1e309'),
      fc.integer({ min: 10_000, max: 300_000 }).map((size) => 'a'.repeat(size)),
    );
    const names = fc.constantFrom('email', 'password', 'name', 'kind', 'q', 'reason', 'status', 'scope', '__proto__');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WEB_FORMS),
        fc.array(fc.tuple(names, field), { maxLength: 4 }),
        fc.boolean(),
        contentTypes,
        encodings,
        async (form, fields, signedIn, contentType, encoding) => {
          const raw = [
            ...fields.map(([name, value]) => `${name}=${value}`),
            ...(signedIn ? [`csrf=${csrfToken}`] : []),
          ].join('&');
          const { bytes, header } = encoded(Buffer.from(raw, 'latin1'), encoding);
          const before = await stateDigest(instance);
          const headers: Record<string, string> = {
            ...(signedIn ? { cookie } : {}),
            ...(contentType
              ? { 'content-type': contentType.replace('application/json', 'application/x-www-form-urlencoded') }
              : {}),
            ...(header ? { 'content-encoding': header } : {}),
          };
          const posted = await send(`${instance.baseUrl}${form}`, 'POST', headers, bytes);
          expect([form, posted.status < 500]).toEqual([form, true]);
          expect(posted.text).not.toMatch(LEAK);
          if (posted.status >= 400) expect(await stateDigest(instance)).toEqual(before);
          const searched = await send(`${instance.baseUrl}/search?${raw.slice(0, 4000)}`, 'GET', { cookie }, undefined);
          expect(searched.status).toBeLessThan(500);
          expect(searched.text).not.toMatch(LEAK);
        },
      ),
      { seed: SEED, numRuns: FORM_RUNS, endOnFailure: true },
    );
  });
});
