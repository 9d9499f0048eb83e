import { RateLimitedError } from '@verbatim/core';
import { z } from 'zod';
import { platformGet, retryAfterMs, type PlatformResponse } from './platform-http';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An address a connector reads from: https, or plain http on this machine (for the fake servers of tests) or
 * when the town's site has no TLS (`allowHttp`, for feeds and web pages, which are public anyway).
 */
export function webUrl(options: { allowHttp: boolean }) {
  return z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine(
      (value) => {
        const url = new URL(value);
        return options.allowHttp || url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
      },
      { message: 'use https (plain http is only accepted for localhost)' },
    );
}

/** How Verbatim names itself to web sites, so a town's webmaster can tell its requests apart and allow them. */
export const WEB_USER_AGENT = 'Verbatim-Archiver/0.1 (public records archive of a town)';

/** A GET of a public web address (a feed, a page, a file), naming Verbatim and asking for `accept`. */
export function webGet(url: string, accept: string, signal?: AbortSignal): Promise<PlatformResponse> {
  return platformGet(url, { signal, headers: { accept, 'user-agent': WEB_USER_AGENT } });
}

/**
 * A site's "slow down" (429, or 503 with `Retry-After`) as RateLimitedError with its wait (a minute when it
 * gives none), else null.
 */
export function siteRateLimit(response: PlatformResponse, now = Date.now()): RateLimitedError | null {
  const retryHeader = response.headers.get('retry-after');
  if (response.status !== 429 && !(response.status === 503 && retryHeader)) return null;
  const wait = Math.max(1000, retryAfterMs(retryHeader, now) ?? 60_000);
  const host = new URL(response.url).host;
  return new RateLimitedError(
    wait,
    `${host} asked to slow down (${response.status}); retry in ${Math.ceil(wait / 1000)} s`,
  );
}
