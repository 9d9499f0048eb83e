import { assertDeliveryId } from './delivery-id';
import { DeliveryError } from './delivery.error';
import type { OutgoingWebhook, WebhookSender, WebhookSendResult } from './notification-sender.port';
import { buildWebhookSignatureHeader } from './webhook-signature';

export interface WebhookSenderOptions {
  /** NOTIFY_WEBHOOK_URL; http or https. Redirects are not followed, so give the final address. */
  url: string;
  /** NOTIFY_WEBHOOK_SECRET, shared with the receiver; see the scheme in webhook-signature.ts. */
  secret: string;
  /** How long one call may take, answer included, before it counts as a retryable timeout. Default 10 000. */
  timeoutMs?: number;
  /** Clock for the signature timestamp; tests pass a fixed one. */
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Creates the webhook adapter of the WebhookSender port: POSTs the signed JSON body (see webhook-signature.ts).
 * Throws here, at start, on an unusable URL or an empty secret rather than at the first request.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`webhook URL must be http(s): ${url.href}`);
  }
  if (options.secret.length === 0) throw new Error('webhook secret must not be empty');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  return {
    async send(webhook: OutgoingWebhook): Promise<WebhookSendResult> {
      assertDeliveryId(webhook.deliveryId);
      const { deliveryId, event, occurredAt, data } = webhook;
      const body = JSON.stringify({ id: deliveryId, event, occurredAt, data });
      const timestampSeconds = Math.floor(now().getTime() / 1000);
      const headers = {
        'Content-Type': 'application/json',
        'Verbatim-Event': event,
        'Verbatim-Delivery': deliveryId,
        'Verbatim-Signature': buildWebhookSignatureHeader(body, options.secret, timestampSeconds),
      };
      const signals = [AbortSignal.timeout(timeoutMs), ...(webhook.signal ? [webhook.signal] : [])];
      const signal = AbortSignal.any(signals);
      let response: Response;
      try {
        // A redirected POST may turn into a GET and drop the body; a 3xx is reported instead of followed.
        response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
      } catch (error) {
        throw classifyFetchError(error, timeoutMs);
      }
      // Only the status matters; releasing the body frees the connection.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { status: response.status };
      throw classifyWebhookResponse(response.status, response.headers.get('retry-after'), now());
    },
  };
}

/**
 * Maps a receiver's non-2xx status to a DeliveryError: 408, 429 and 5xx are "try later" (with the receiver's
 * Retry-After, when given); any other status, 3xx included, is the receiver saying no for good.
 */
export function classifyWebhookResponse(status: number, retryAfter: string | null, now: Date): DeliveryError {
  const message = `webhook answered HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return new DeliveryError(message, { kind: 'deferred', retryable: true, responseCode: status, retryAfterMs });
  }
  return new DeliveryError(message, { kind: 'rejected', retryable: false, responseCode: status });
}

/** Reads Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

interface FetchFailure {
  name?: string;
  message?: string;
  cause?: { message?: string };
}

function classifyFetchError(error: unknown, timeoutMs: number): DeliveryError {
  // Read by shape, not instanceof: fetch's errors may come from another realm (a test VM, a worker).
  const failure: FetchFailure = typeof error === 'object' && error !== null ? error : {};
  if (failure.name === 'TimeoutError') {
    const message = `webhook did not answer within ${timeoutMs} ms`;
    return new DeliveryError(message, { kind: 'timeout', retryable: true, cause: error });
  }
  // fetch hides the socket error (ECONNREFUSED, ENOTFOUND, …) in `cause`; surface it for the request's status.
  const cause = failure.cause?.message ? `: ${failure.cause.message}` : '';
  const message = `webhook unreachable: ${failure.message ?? String(error)}${cause}`;
  return new DeliveryError(message, { kind: 'unreachable', retryable: true, cause: error });
}
