import { RateLimitedError } from '@verbatim/core';
import { jsonOf, platformGet, retryAfterMs, waitUntil, type PlatformResponse } from '../http/platform-http';
import { XrpcErrorSchema } from './bluesky-payload.schema';

/** When a 429 names no reset instant: the AppView's window is 5 minutes, so a minute is a modest guess. */
const DEFAULT_WAIT_MS = 60_000;

export interface XrpcError {
  status: number;
  error: string;
  message: string;
}

/**
 * GETs an XRPC query (`<service>/xrpc/<nsid>?…`) and returns the response as received, whatever its status,
 * except a 429: that throws `RateLimitedError` with the wait to the window's `RateLimit-Reset` (epoch seconds).
 */
export async function xrpcGet(
  serviceUrl: string,
  nsid: string,
  params: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<PlatformResponse> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  return throwIfRateLimited(await platformGet(`${serviceUrl}/xrpc/${nsid}?${query}`, { signal }));
}

export function throwIfRateLimited(response: PlatformResponse, now = Date.now()): PlatformResponse {
  if (response.status !== 429) return response;
  const wait =
    waitUntil(response.headers.get('ratelimit-reset'), now) ??
    retryAfterMs(response.headers.get('retry-after'), now) ??
    DEFAULT_WAIT_MS;
  throw new RateLimitedError(wait, `Bluesky rate limit reached; retry in ${Math.ceil(wait / 1000)} s`);
}

/** The XRPC error of a non-2xx answer (`{ error, message }`), or a stand-in naming the status. */
export function xrpcErrorOf(response: PlatformResponse): XrpcError {
  const parsed = XrpcErrorSchema.safeParse(jsonOf(response));
  return parsed.success
    ? { status: response.status, error: parsed.data.error, message: parsed.data.message ?? '' }
    : { status: response.status, error: `HTTP ${response.status}`, message: '' };
}

/** An answer the connector cannot use and a later try may: a 5xx, or an error it has no meaning for. */
export function unexpectedAnswer(nsid: string, error: XrpcError): Error {
  const detail = error.message ? `${error.error}: ${error.message}` : error.error;
  return new Error(`Bluesky ${nsid} answered ${error.status} (${detail}); the sync will try again`);
}
