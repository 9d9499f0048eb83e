/**
 * Why a delivery failed, in terms the notify job acts on:
 * - `unreachable`: no connection, DNS failure, socket reset, aborted send: the other side may be back later.
 * - `timeout`: the other side did not answer in time; it may or may not have acted on the message.
 * - `deferred`: the other side answered "not now" (SMTP 4xx, HTTP 408/429/5xx).
 * - `rejected`: the other side refused the message for good (SMTP 5xx, HTTP 4xx).
 * - `unauthorized`: the SMTP server refused our credentials; fixing the configuration, not the message, helps.
 * - `invalid`: our own input was unusable (bad payload, no recipients); retrying cannot help.
 * - `unconfigured`: this process has no sender for the delivery's channel (no SMTP_URL, no NOTIFY_WEBHOOK_URL);
 *   the delivery waits, pending, for a start that has one. Nothing was sent.
 */
export type DeliveryErrorKind =
  'unreachable' | 'timeout' | 'deferred' | 'rejected' | 'unauthorized' | 'invalid' | 'unconfigured';

export interface DeliveryErrorOptions {
  kind: DeliveryErrorKind;
  retryable: boolean;
  /** The SMTP reply code or HTTP status, when the other side answered. */
  responseCode?: number;
  /** How long the receiver asked us to wait (HTTP Retry-After); the job's backoff should not retry sooner. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error a sender or `deliverNotification` throws. The notify job retries with backoff while
 * `retryable` is true and records a permanent failure on the request otherwise.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly kind: DeliveryErrorKind;
  readonly retryable: boolean;
  readonly responseCode?: number;
  readonly retryAfterMs?: number;

  constructor(message: string, options: DeliveryErrorOptions) {
    super(message, { cause: options.cause });
    this.kind = options.kind;
    this.retryable = options.retryable;
    this.responseCode = options.responseCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** True for a DeliveryError the job should retry. */
export function isRetryableDeliveryError(error: unknown): boolean {
  return error instanceof DeliveryError && error.retryable;
}
