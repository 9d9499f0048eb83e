import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { platformGet, waitUntil, type PlatformResponse } from '../http/platform-http';
import type { XConnectorConfig } from './x-connector.config';

/** When a 429 names no reset: the length of X's rate-limit window. */
const WINDOW_MS = 15 * 60_000;

/**
 * GETs against the X API v2 with the app's bearer token. A 429 becomes RateLimitedError until
 * `x-rate-limit-reset` (Unix seconds), and so does a next call once `x-rate-limit-remaining` said 0; a refused
 * token is ConnectorCredentialsError; 5xx an error the sync retries. Other answers are returned.
 */
export class XClient {
  private pausedUntil = 0;

  constructor(
    private readonly config: XConnectorConfig,
    private readonly now: () => number = Date.now,
  ) {}

  urlOf(path: string, params: Record<string, string> = {}): string {
    const url = new URL(`${this.config.apiUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async get(url: string, signal?: AbortSignal): Promise<PlatformResponse> {
    const paused = this.pausedUntil - this.now();
    if (paused > 0) throw limited(paused);
    const response = await platformGet(url, {
      signal,
      headers: { authorization: `Bearer ${this.config.bearerToken}` },
    });
    const reset = waitUntil(response.headers.get('x-rate-limit-reset'), this.now());
    if (response.status === 429) throw limited(reset ?? WINDOW_MS);
    if (response.headers.get('x-rate-limit-remaining') === '0' && reset !== null) this.pausedUntil = this.now() + reset;
    if (response.status === 401) {
      throw new ConnectorCredentialsError(
        'the X bearer token was refused (401): regenerate it in the X developer portal (Projects & Apps → the app → Keys and tokens) and save it on the account',
      );
    }
    if (response.status >= 500) throw new Error(`X answered ${response.status} to ${url}; the sync will try again`);
    return response;
  }

  unexpected(response: PlatformResponse, what: string): Error {
    const text = new TextDecoder().decode(response.raw).slice(0, 200);
    return new ConnectorConfigError(`X answered ${response.status} to ${what}: ${text}`);
  }
}

function limited(ms: number): RateLimitedError {
  const wait = Math.max(1000, ms);
  return new RateLimitedError(wait, `X API rate limit reached; retry in ${Math.ceil(wait / 60_000)} min`);
}
