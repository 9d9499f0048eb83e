import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { jsonOf, platformGet, retryAfterMs, type PlatformResponse } from '../http/platform-http';
import { WEB_USER_AGENT } from '../http/web-fetch';
import { DEFAULT_API_USERNAME, type DiscourseConnectorConfig } from './discourse-connector.config';
import { DiscourseErrorSchema } from './discourse-payload.schema';

/** When a 429 names no wait: Discourse's per-minute API limits clear within a minute. */
const DEFAULT_WAIT_MS = 60_000;

/**
 * GETs against a Discourse forum, with `Api-Key` and `Api-Username` when the account has a key (sent only to the
 * forum itself). A 429 becomes RateLimitedError for its `Retry-After` (or `extras.wait_seconds`); a refused key is
 * ConnectorCredentialsError in plain words; 5xx an error the sync retries. Other answers are returned.
 */
export class DiscourseClient {
  readonly origin: string;

  constructor(private readonly config: DiscourseConnectorConfig) {
    this.origin = new URL(config.baseUrl).origin;
  }

  urlOf(path: string, params: Record<string, string | string[]> = {}): string {
    const url = new URL(`${this.config.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(params)) {
      for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(name, one);
    }
    return url.toString();
  }

  async get(url: string, signal?: AbortSignal, accept = 'application/json'): Promise<PlatformResponse> {
    const ownForum = new URL(url).origin === this.origin;
    const headers: Record<string, string> = { accept, 'user-agent': WEB_USER_AGENT };
    if (ownForum && this.config.apiKey !== undefined) {
      headers['api-key'] = this.config.apiKey;
      headers['api-username'] = this.config.apiUsername ?? DEFAULT_API_USERNAME;
    }
    const response = await platformGet(url, { signal, headers });
    if (response.status === 429) throw limited(response);
    if (ownForum && isRefusedKey(response)) throw this.refusedKey(response);
    if (response.status >= 500) {
      throw new Error(`the forum ${this.host} answered ${response.status}; the sync will try again`);
    }
    return response;
  }

  unexpected(response: PlatformResponse, what: string): Error {
    const text = new TextDecoder().decode(response.raw).slice(0, 200);
    return new ConnectorConfigError(`the forum ${this.host} answered ${response.status} to ${what}: ${text}`);
  }

  private get host(): string {
    return new URL(this.origin).host;
  }

  private refusedKey(response: PlatformResponse): Error {
    if (this.config.apiKey === undefined) {
      return new ConnectorConfigError(
        `the forum ${this.host} refused to be read without signing in (${response.status}): create an API key in its Admin → API → Keys and save it as apiKey on the account`,
      );
    }
    const user = this.config.apiUsername ?? DEFAULT_API_USERNAME;
    return new ConnectorCredentialsError(
      `the Discourse API key was refused by ${this.host} (${response.status}): it was revoked or expired, or it is not valid for the API username "${user}"; create a new key in the forum's Admin → API → Keys and save it on the account`,
    );
  }
}

/**
 * Discourse answers a bad key (or a forum closed to guests) 403 `invalid_access` ("The API username or key is
 * invalid"), or 401 `not_logged_in`. A 403 for one private category or topic is a different `error_type`.
 */
function isRefusedKey(response: PlatformResponse): boolean {
  if (response.status === 401) return true;
  if (response.status !== 403) return false;
  const error = DiscourseErrorSchema.safeParse(jsonOf(response));
  return error.success && (error.data.error_type === 'invalid_access' || error.data.error_type === 'not_logged_in');
}

function limited(response: PlatformResponse): RateLimitedError {
  const error = DiscourseErrorSchema.safeParse(jsonOf(response));
  const bodyWait = error.success ? error.data.extras?.wait_seconds : undefined;
  const headerWait = retryAfterMs(response.headers.get('retry-after'));
  const wait = Math.max(1000, headerWait ?? (bodyWait !== undefined ? bodyWait * 1000 : DEFAULT_WAIT_MS));
  return new RateLimitedError(wait, `Discourse rate limit reached; retry in ${Math.ceil(wait / 1000)} s`);
}
