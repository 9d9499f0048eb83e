import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Webhook signature scheme (the README copies this block)
 * -------------------------------------------------------
 * Every webhook is a POST with a JSON body `{ "id", "event", "occurredAt", "data" }` and these headers:
 *
 *   Content-Type:       application/json
 *   Verbatim-Event:     the event, e.g. request.logged
 *   Verbatim-Delivery:  the delivery id, equal to the body's "id". A retry repeats it: de-duplicate on it.
 *   Verbatim-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
 *
 * The signature covers the timestamp and the body, no other header; the event and delivery headers repeat the body's "event" and "id" so a
 * receiver can route and de-duplicate before parsing, but should trust the signed body's values.
 *
 * v1 is HMAC-SHA256, keyed with NOTIFY_WEBHOOK_SECRET, over the string `<t>.<raw body>`: the timestamp, a
 * dot, and the body bytes exactly as received (verify before parsing JSON; re-serialising changes bytes).
 *
 * To verify: split the header on ",", take `t` and every `v1` (more than one may appear while a secret is
 * rotated), recompute the HMAC, compare in constant time, and reject a `t` more than five minutes from your
 * clock, which stops a captured request from being replayed later. A retry is signed afresh with a new `t`.
 */

/** Five minutes, as common webhook schemes use: wide enough for clock skew, narrow enough to limit replays. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Computes the hex HMAC-SHA256 of `<timestamp>.<raw body>`. */
export function computeWebhookSignature(rawBody: string | Buffer, secret: string, timestampSeconds: number): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
}

/** Builds the `Verbatim-Signature` header value for a body sent at `timestampSeconds`. */
export function buildWebhookSignatureHeader(
  rawBody: string | Buffer,
  secret: string,
  timestampSeconds: number,
): string {
  return `t=${timestampSeconds},v1=${computeWebhookSignature(rawBody, secret, timestampSeconds)}`;
}

export interface VerifyWebhookSignatureOptions {
  /** Largest accepted distance, either way, between `t` and `now`. Default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock; default the current time. */
  now?: Date;
}

export type WebhookSignatureVerdict =
  | { valid: true; timestampSeconds: number }
  | { valid: false; reason: 'malformed-header' | 'timestamp-outside-tolerance' | 'signature-mismatch' };

/**
 * Checks a `Verbatim-Signature` header against the raw body, for receivers (and our tests). Says why it failed,
 * so a receiver can log a clock problem apart from a wrong secret; treat every failure as 401.
 */
export function verifyWebhookSignature(
  rawBody: string | Buffer,
  header: string | undefined,
  secret: string,
  options: VerifyWebhookSignatureOptions = {},
): WebhookSignatureVerdict {
  const parsed = parseSignatureHeader(header ?? '');
  if (!parsed) return { valid: false, reason: 'malformed-header' };
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - parsed.timestampSeconds) > tolerance) {
    return { valid: false, reason: 'timestamp-outside-tolerance' };
  }
  const expected = Buffer.from(computeWebhookSignature(rawBody, secret, parsed.timestampSeconds), 'hex');
  const matches = parsed.signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    // timingSafeEqual throws on unequal lengths; the length of a SHA-256 digest is public anyway.
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { valid: false, reason: 'signature-mismatch' };
  return { valid: true, timestampSeconds: parsed.timestampSeconds };
}

function parseSignatureHeader(header: string): { timestampSeconds: number; signatures: string[] } | undefined {
  let timestampSeconds: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value ?? '')) timestampSeconds = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? '')) signatures.push(value);
  }
  if (timestampSeconds === undefined || signatures.length === 0) return undefined;
  return { timestampSeconds, signatures };
}
