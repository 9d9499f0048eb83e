import { startFakeServer, type FakeAnswer, type RunningFake } from '../testing/fake-server';
import { jsonOf, platformGet, PlatformHttpError, retryAfterMs, waitUntil } from './platform-http';

describe('platformGet against a fake platform over real HTTP', () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFakeServer((request, url): FakeAnswer | Promise<FakeAnswer> => {
      if (url.pathname === '/slow') return new Promise((resolve) => setTimeout(() => resolve({ body: {} }), 2000));
      if (url.pathname === '/html')
        return { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' };
      return { headers: { 'x-echo': request.headers.authorization ?? '' }, body: { ok: true, path: url.pathname } };
    });
  });
  afterAll(() => fake.close());

  it('returns the exact bytes, status, headers and content type, sending the given headers', async () => {
    const response = await platformGet(`${fake.baseUrl}/a?x=1`, { headers: { authorization: 'Bearer t' } });
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('application/json; charset=utf-8');
    expect(new TextDecoder().decode(response.raw)).toBe('{"ok":true,"path":"/a"}');
    expect(response.headers.get('x-echo')).toBe('Bearer t');
    expect(jsonOf(response)).toEqual({ ok: true, path: '/a' });
    expect(fake.requests).toContain('GET /a?x=1');
  });

  it('keeps a non-JSON error page as bytes and reads it as no JSON', async () => {
    const response = await platformGet(`${fake.baseUrl}/html`);
    expect(response.status).toBe(502);
    expect(jsonOf(response)).toBeUndefined();
  });

  it('names the host when the platform does not answer in time or cannot be reached', async () => {
    await expect(platformGet(`${fake.baseUrl}/slow`, { timeoutMs: 100 })).rejects.toThrow(
      new PlatformHttpError(`${new URL(fake.baseUrl).host} did not answer in time; the sync will try again`),
    );
    await expect(platformGet('http://127.0.0.1:1/x')).rejects.toThrow(/127\.0\.0\.1:1 could not be reached/);
  });

  it('rethrows the caller’s abort as is', async () => {
    const controller = new AbortController();
    const pending = platformGet(`${fake.baseUrl}/slow`, { signal: controller.signal });
    controller.abort(new Error('sync cancelled'));
    await expect(pending).rejects.toThrow('sync cancelled');
  });

  it('reads reset instants and Retry-After', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(waitUntil(String(now / 1000 + 30), now)).toBe(30_000);
    expect(waitUntil('2026-01-01T00:05:00.000Z', now)).toBe(300_000);
    expect(waitUntil('2025-12-31T00:00:00Z', now)).toBe(1000);
    expect(waitUntil(null, now)).toBeNull();
    expect(waitUntil('soon', now)).toBeNull();
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs(null)).toBeNull();
  });
});
