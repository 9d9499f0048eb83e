import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A Page webhook delivery (the `feed` field): `{"object":"page","entry":[{"id":PAGE,"time":…,"changes":[{"field":
 * "feed","value":{"item","verb",…}}]}]}`. Values are kept loose: Meta adds item kinds and keys, and the delivery
 * is archived byte for byte anyway; the changes are read again from the Graph API by a sync.
 */
export const FacebookWebhookDeliverySchema = z.object({
  object: z.literal('page'),
  entry: z
    .array(
      z.object({
        id: z.string().regex(/^\d{1,30}$/),
        time: z.number().optional(),
        changes: z
          .array(
            z.object({
              field: z.string(),
              value: z
                .object({ item: z.string().optional(), verb: z.string().optional() })
                .catchall(z.unknown())
                .optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
});
export type FacebookWebhookDelivery = z.infer<typeof FacebookWebhookDeliverySchema>;

/** The delivery as JSON validated, or the reason it is not one. */
export function parseWebhookDelivery(raw: Uint8Array): { delivery: FacebookWebhookDelivery } | { problem: string } {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    return { problem: 'the body is not JSON' };
  }
  const parsed = FacebookWebhookDeliverySchema.safeParse(body);
  if (parsed.success) return { delivery: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `${issue.path.join('.') || '(body)'}: ${issue.message}` };
}

/**
 * Whether `X-Hub-Signature-256` is `sha256=<hex HMAC-SHA256(appSecret, raw body)>`, compared in constant time.
 * The raw body is what Meta signed: a body parsed and serialized again would not match.
 */
export function isWebhookSignatureValid(raw: Uint8Array, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** Whether the handshake's `hub.verify_token` equals the configured one, compared in constant time. */
export function isVerifyTokenValid(given: string | undefined, expected: string): boolean {
  const a = createHmac('sha256', 'verify-token')
    .update(given ?? '')
    .digest();
  const b = createHmac('sha256', 'verify-token').update(expected).digest();
  return given !== undefined && timingSafeEqual(a, b);
}
