import { createHmac } from 'node:crypto';
import { buildWebhookSignatureHeader, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec-unit';
const BODY = '{"id":"d-1","event":"request.logged","occurredAt":"2026-01-05T14:30:00.000Z","data":{}}';
const T = 1767623407;
const AT_T = new Date(T * 1000);

describe('webhook signature scheme', () => {
  it('is HMAC-SHA256 over "<t>.<raw body>", as the README documents it', () => {
    // Recomputed independently, so a receiver following the documented scheme agrees with us.
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(buildWebhookSignatureHeader(BODY, SECRET, T)).toBe(`t=${T},v1=${expected}`);
  });

  it('accepts the header for the same body, as a string or as bytes', () => {
    const header = buildWebhookSignatureHeader(BODY, SECRET, T);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: AT_T })).toEqual({ valid: true, timestampSeconds: T });
    expect(verifyWebhookSignature(Buffer.from(BODY), header, SECRET, { now: AT_T })).toMatchObject({ valid: true });
  });

  it('accepts any v1 that matches, so a receiver can rotate secrets', () => {
    const old = buildWebhookSignatureHeader(BODY, 'old-secret', T).split(',')[1];
    const header = `${buildWebhookSignatureHeader(BODY, SECRET, T)},${old}`;
    expect(verifyWebhookSignature(BODY, header, 'old-secret', { now: AT_T })).toMatchObject({ valid: true });
  });

  it('refuses a changed body, a changed timestamp and a wrong secret', () => {
    const header = buildWebhookSignatureHeader(BODY, SECRET, T);
    const mismatch = { valid: false, reason: 'signature-mismatch' };
    expect(verifyWebhookSignature(`${BODY} `, header, SECRET, { now: AT_T })).toEqual(mismatch);
    const shifted = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(verifyWebhookSignature(BODY, shifted, SECRET, { now: AT_T })).toEqual(mismatch);
    expect(verifyWebhookSignature(BODY, header, `${SECRET}x`, { now: AT_T })).toEqual(mismatch);
  });

  it('refuses a timestamp beyond the tolerance, in the past or the future', () => {
    const header = buildWebhookSignatureHeader(BODY, SECRET, T);
    const outside = { valid: false, reason: 'timestamp-outside-tolerance' };
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: new Date((T + 301) * 1000) })).toEqual(outside);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: new Date((T - 301) * 1000) })).toEqual(outside);
    const atEdge = new Date((T + 300) * 1000);
    expect(verifyWebhookSignature(BODY, header, SECRET, { now: atEdge })).toMatchObject({ valid: true });
    expect(
      verifyWebhookSignature(BODY, header, SECRET, { now: new Date((T + 60) * 1000), toleranceSeconds: 30 }),
    ).toEqual(outside);
  });

  it.each([undefined, '', 'v1=abc', `t=${T}`, `t=soon,v1=${'0'.repeat(64)}`, `t=${T},v1=${'0'.repeat(63)}`])(
    'refuses the malformed header %p',
    (header) => {
      expect(verifyWebhookSignature(BODY, header, SECRET, { now: AT_T })).toEqual({
        valid: false,
        reason: 'malformed-header',
      });
    },
  );
});
