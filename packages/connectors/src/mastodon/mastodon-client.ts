import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { jsonOf, platformGet, retryAfterMs, waitUntil, type PlatformResponse } from '../http/platform-http';
import { MastodonErrorSchema } from './mastodon-payload.schema';

/** When neither `X-RateLimit-Reset` nor `Retry-After` says how long: Mastodon's window is 5 minutes. */
const DEFAULT_WAIT_MS = 5 * 60_000;

/**
 * GETs against one Mastodon instance. Adds the account's token (only for the instance's own host), turns 401
 * and 429 into the port's typed errors, and remembers an exhausted budget (`X-RateLimit-Remaining: 0`) so the
 * next call waits for the reset instead of spending a request on a certain 429.
 */
export class MastodonClient {
  readonly origin: string;
  private pausedUntil = 0;

  constructor(
    instanceUrl: string,
    private readonly accessToken: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.origin = new URL(instanceUrl).origin;
  }

  /** Absolute URL of an instance path (`/api/v1/…`). */
  urlOf(pathAndQuery: string): string {
    return new URL(pathAndQuery, this.origin).toString();
  }

  /**
   * GETs an instance path. Returns every answer but 401 and 429 (those throw), so callers decide what a 404
   * means where they are: gone for a status lookup, a wrong setting for the account lookup.
   */
  async get(pathAndQuery: string, signal?: AbortSignal): Promise<PlatformResponse> {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) throw new RateLimitedError(wait, rateLimitMessage(wait));
    const headers: Record<string, string> = this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {};
    const response = await platformGet(this.urlOf(pathAndQuery), { headers, signal });
    this.notePaused(response);
    if (response.status === 401) throw this.refused(response);
    if (response.status === 429) {
      const ms = this.waitOf(response) ?? DEFAULT_WAIT_MS;
      throw new RateLimitedError(ms, rateLimitMessage(ms));
    }
    return response;
  }

  /** A media file, from whichever host serves it: without the token, which belongs to the instance alone. */
  async getMedia(url: string, signal?: AbortSignal): Promise<PlatformResponse> {
    const response = await platformGet(url, { signal, headers: { accept: '*/*' } });
    if (response.status === 429) throw new RateLimitedError(this.waitOf(response) ?? DEFAULT_WAIT_MS);
    if (response.status !== 200) throw new Error(`media ${url} answered ${response.status}`);
    return response;
  }

  /** A status other than 200 where nothing but 200 makes sense: retried by the worker unless it is a 4xx. */
  unexpected(response: PlatformResponse, what: string): Error {
    const said = MastodonErrorSchema.safeParse(jsonOf(response));
    const detail = said.success ? `: ${said.data.error}` : '';
    const message = `${new URL(this.origin).host} answered ${response.status} to ${what}${detail}`;
    return response.status >= 400 && response.status < 500 && response.status !== 408
      ? new ConnectorConfigError(message)
      : new Error(`${message}; the sync will try again`);
  }

  private refused(response: PlatformResponse): ConnectorCredentialsError {
    if (this.accessToken) {
      return new ConnectorCredentialsError(
        "the Mastodon access token was refused (401): create a new token in the instance's Development settings and save it on the account",
      );
    }
    const said = MastodonErrorSchema.safeParse(jsonOf(response));
    return new ConnectorCredentialsError(
      `${new URL(this.origin).host} requires an access token to read this account (401${said.success ? `: ${said.data.error}` : ''}): create one with the read:statuses scope in the instance's Development settings and save it on the account`,
    );
  }

  private waitOf(response: PlatformResponse): number | null {
    return (
      waitUntil(response.headers.get('x-ratelimit-reset'), this.now()) ??
      retryAfterMs(response.headers.get('retry-after'), this.now())
    );
  }

  private notePaused(response: PlatformResponse): void {
    if (response.status === 429 || response.headers.get('x-ratelimit-remaining')?.trim() !== '0') return;
    const wait = waitUntil(response.headers.get('x-ratelimit-reset'), this.now(), 0);
    if (wait !== null && wait > 0) this.pausedUntil = this.now() + wait;
  }
}

function rateLimitMessage(ms: number): string {
  return `Mastodon rate limit reached (300 requests per 5 minutes); retry in ${Math.ceil(ms / 1000)} s`;
}
