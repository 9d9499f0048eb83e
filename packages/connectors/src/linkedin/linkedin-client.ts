import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { z } from 'zod';
import { jsonOf, platformGet, retryAfterMs, type PlatformResponse } from '../http/platform-http';
import type { LinkedinConnectorConfig } from './linkedin-connector.config';

/**
 * The API version every request names (`LinkedIn-Version: YYYYMM`). LinkedIn serves each version for about a
 * year and then answers 426; the README says to update Verbatim before then.
 */
export const LINKEDIN_VERSION = '202611';

/** LinkedIn's error body: `{"status":401,"serviceErrorCode":65602,"code":"EXPIRED_ACCESS_TOKEN","message":…}`. */
const LinkedinErrorSchema = z.object({
  status: z.number().int().optional(),
  serviceErrorCode: z.number().int().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

/** The permission that reads an organization's posts and comments (`…_feed` in versions from 2025 on). */
export const READ_PERMISSION = 'r_organization_social';

export interface LinkedinResponse extends PlatformResponse {
  /** LinkedIn's error `code` (`NOT_FOUND`, `ACCESS_DENIED`), or null on success. */
  code: string | null;
  message: string;
}

/**
 * GETs against LinkedIn's versioned REST API (`/rest`) with the organization administrator's token and the
 * Rest.li 2.0 headers. A 429 (LinkedIn's daily application and member limits) becomes RateLimitedError until
 * they reset at midnight UTC, or until a `Retry-After` when one is sent; a refused, expired or revoked token is
 * ConnectorCredentialsError, and so is a 403 (the app or the member lacks the partner permission); a version
 * LinkedIn no longer serves is a ConnectorConfigError; 5xx an error the sync retries. Other answers are
 * returned, so callers decide what a 404 means where they are.
 */
export class LinkedinClient {
  constructor(
    private readonly config: LinkedinConnectorConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get organizationUrn(): string {
    return `urn:li:organization:${this.config.organizationId}`;
  }

  /** `apiUrl/path?params`, path segments given raw (URNs are encoded here). */
  urlOf(segments: string[], params: Record<string, string> = {}): string {
    const path = segments.map(encodeSegment).join('/');
    const url = new URL(`${this.config.apiUrl.replace(/\/+$/, '')}/${path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Whether a URL is on the configured API (the token is only ever sent there). */
  isApiUrl(url: string): boolean {
    return url.startsWith(`${this.config.apiUrl.replace(/\/+$/, '')}/`);
  }

  /**
   * `what` names the request in plain words for the account's error. With `allowForbidden` a 403 is returned
   * instead of thrown (a lookup the connector can do without).
   */
  async get(
    url: string,
    what: string,
    signal?: AbortSignal,
    options: { allowForbidden?: boolean } = {},
  ): Promise<LinkedinResponse> {
    const response = await platformGet(url, {
      signal,
      headers: {
        authorization: `Bearer ${this.config.accessToken}`,
        'linkedin-version': LINKEDIN_VERSION,
        'x-restli-protocol-version': '2.0.0',
        // A `q=` query is a Rest.li finder, which LinkedIn's examples name.
        ...(new URL(url).searchParams.has('q') ? { 'x-restli-method': 'FINDER' } : {}),
      },
    });
    const parsed = response.status >= 400 ? LinkedinErrorSchema.safeParse(jsonOf(response)) : null;
    const code = parsed?.success ? (parsed.data.code ?? null) : null;
    const message = (parsed?.success ? parsed.data.message : undefined) ?? `HTTP ${response.status}`;
    if (response.status === 429) {
      const wait =
        retryAfterMs(response.headers.get('retry-after'), this.now()) ?? nextUtcMidnight(this.now()) - this.now();
      throw new RateLimitedError(
        Math.max(1000, wait),
        `LinkedIn's daily API limit is reached (${message}); it resets at midnight UTC, in ${Math.ceil(wait / 60_000)} min`,
      );
    }
    if (response.status === 401) throw refusedToken(code, message);
    if (response.status === 403 && !options.allowForbidden) {
      throw new ConnectorCredentialsError(
        `LinkedIn refused to show ${what} (403 ${code ?? 'ACCESS_DENIED'}: ${message}): the token needs the ${READ_PERMISSION} permission (r_organization_social_feed in newer API versions), which LinkedIn grants only to apps approved for the Community Management API, and the person who signed in must be an administrator of the organization; ask LinkedIn for that access, then sign in again and save the new token on the account`,
      );
    }
    if (response.status === 426 || code === 'NONEXISTENT_VERSION' || code === 'VERSION_MISSING') {
      throw new ConnectorConfigError(
        `LinkedIn no longer serves API version ${LINKEDIN_VERSION} (${message}): update Verbatim, which names a current version`,
      );
    }
    if (response.status >= 500)
      throw new Error(`LinkedIn answered ${response.status} to ${url}; the sync will try again`);
    return { ...response, code, message };
  }

  /** An answer where only success makes sense: a settings problem. */
  unexpected(response: LinkedinResponse, what: string): Error {
    return new ConnectorConfigError(`LinkedIn answered ${response.status} (${response.message}) to ${what}`);
  }
}

function refusedToken(code: string | null, message: string): ConnectorCredentialsError {
  const why =
    code === 'EXPIRED_ACCESS_TOKEN'
      ? 'has expired (LinkedIn access tokens last 60 days)'
      : code === 'REVOKED_ACCESS_TOKEN'
        ? 'was revoked (the administrator or LinkedIn withdrew the app’s access)'
        : 'was refused';
  return new ConnectorCredentialsError(
    `the LinkedIn access token ${why} (401 ${code ?? 'INVALID_ACCESS_TOKEN'}: ${message}): an administrator of the organization must sign in to the app again and save the new token on the account`,
  );
}

/** The next midnight UTC after `now` (epoch ms), when LinkedIn's daily limits reset. */
export function nextUtcMidnight(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/** A path segment with URNs fully encoded, parentheses and commas included (Rest.li 2.0). */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
