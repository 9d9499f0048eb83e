import { webRoutes } from '@verbatim/web-service';
import { startInstance, type TestInstance } from './support/start-instance';

const EVERY_ROLE = [
  'it-admin',
  'foia-officer',
  'attorney',
  'auditor',
  'moderator',
  'it-director',
  'communications-manager',
];
const PASSWORD = 'correct horse battery staple';

interface RouteToWalk {
  method: string;
  path: string;
}

/** Every page route of the web application, read from its router (`:params` filled with a made-up id). */
function webPageRoutes(): RouteToWalk[] {
  const router = webRoutes(new Proxy({}, { get: () => undefined }) as never) as unknown as {
    stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
  };
  return router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route!.path.replace(/:\w+/g, 'x1') }))
      : [],
  );
}

/** Every API operation of the OpenAPI document (built from the same definitions as the routes, with /healthz). */
async function apiRoutes(instance: TestInstance): Promise<RouteToWalk[]> {
  const document = (await instance.request('GET', '/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method, path: path.replace(/\{\w+\}/g, 'x1') })),
  );
}

function expectSecurityHeaders(headers: Headers, where: string, options: { archive: boolean; tls: boolean }) {
  const csp = headers.get('content-security-policy') ?? '';
  expect({ where, csp }).toEqual({ where, csp: expect.stringContaining("frame-ancestors 'none'") });
  expect({ where, csp }).toEqual({ where, csp: expect.stringContaining("script-src 'self';") });
  expect({ where, unsafe: /unsafe-inline|unsafe-eval/.test(csp) }).toEqual({ where, unsafe: false });
  expect({ where, nosniff: headers.get('x-content-type-options') }).toEqual({ where, nosniff: 'nosniff' });
  expect({ where, frame: headers.get('x-frame-options') }).toEqual({ where, frame: 'DENY' });
  if (options.archive) expect({ where, cache: headers.get('cache-control') }).toEqual({ where, cache: 'no-store' });
  const hsts = headers.get('strict-transport-security');
  expect({ where, hsts }).toEqual({ where, hsts: options.tls ? 'max-age=31536000; includeSubDomains' : null });
}

describe('security headers on every page and API answer', () => {
  let instance: TestInstance;
  let cookie: string;

  beforeAll(async () => {
    instance = await startInstance({ TRUST_PROXY: 'loopback' });
    const created = await instance.request('POST', '/api/v1/users', {
      name: 'Every Role',
      email: 'every@town.example',
      roles: EVERY_ROLE,
      password: PASSWORD,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const signedIn = await fetch(`${instance.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'every@town.example', password: PASSWORD }),
    });
    cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
  });
  afterAll(() => instance.stop());

  it('walks every web page route (signed in) and finds the headers, and no inline script or style', async () => {
    const routes = webPageRoutes();
    expect(routes.length).toBeGreaterThan(50);
    for (const { method, path } of routes) {
      const response = await fetch(`${instance.baseUrl}${path}`, {
        method: method.toUpperCase(),
        headers: { cookie },
        redirect: 'manual',
      });
      const where = `${method} ${path} (${response.status})`;
      expectSecurityHeaders(response.headers, where, { archive: !path.startsWith('/assets/'), tls: false });
      const body = await response.text();
      if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
        expect({ where, inlineScript: /<script(?![^>]*\ssrc=)[^>]*>/i.test(body) }).toEqual({
          where,
          inlineScript: false,
        });
        expect({ where, handler: /<[^>]+\son[a-z]+\s*=/i.test(body) }).toEqual({ where, handler: false });
        expect({ where, style: /<style|\sstyle\s*=/i.test(body) }).toEqual({ where, style: false });
      }
    }
  });

  it('walks every API route, read with a token and changed without one, and finds the headers', async () => {
    const routes = await apiRoutes(instance);
    expect(routes.length).toBeGreaterThan(40);
    for (const { method, path } of [
      ...routes,
      { method: 'get', path: '/healthz' },
      { method: 'get', path: '/nowhere' },
    ]) {
      const read = method === 'get';
      const response = await fetch(`${instance.baseUrl}${path}`, {
        method: method.toUpperCase(),
        headers: read ? { authorization: `Bearer ${instance.adminToken}` } : {},
        redirect: 'manual',
      });
      await response.arrayBuffer();
      const where = `${method} ${path} (${response.status})`;
      expectSecurityHeaders(response.headers, where, { archive: true, tls: false });
    }
  });

  it('sends HSTS when TLS ended at the trusted proxy', async () => {
    for (const path of ['/api/v1/whoami', '/search', '/assets/app.css']) {
      const response = await fetch(`${instance.baseUrl}${path}`, {
        headers: { cookie, 'x-forwarded-proto': 'https' },
        redirect: 'manual',
      });
      expectSecurityHeaders(response.headers, path, { archive: !path.startsWith('/assets/'), tls: true });
    }
  });
});
