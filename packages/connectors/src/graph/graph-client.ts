import { createHmac } from 'node:crypto';
import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { platformGet, type PlatformResponse } from '../http/platform-http';
import { graphErrorOf, INVALID_TOKEN_CODE, RATE_LIMIT_CODES, type GraphError } from './graph-error';
import { usageOf } from './graph-usage';

/**
 * How long to wait when Graph throttles without saying for how long (a code 4/17/32/613/80001 with no
 * `estimated_time_to_regain_access`). Meta counts usage over a rolling hour; ten minutes lets a sixth of that
 * window age out, which brings a spent budget back under the limit in practice without idling a whole hour,
 * and a retry that comes too early costs one refused call and another wait.
 */
export const DEFAULT_THROTTLE_WAIT_MS = 10 * 60_000;
/** Usage (percent of any limit) from which the client pauses before the next call rather than hit the limit. */
export const SLOW_DOWN_PERCENT = 90;
/**
 * The pause at high usage when the headers give no time: long enough for the oldest calls of the rolling
 * hour to age out, short enough that a pass is not held up for long. Hitting the limit itself can block for up
 * to an hour (BUC's `estimated_time_to_regain_access`), so a pause now is cheaper.
 */
export const SLOW_DOWN_WAIT_MS = 2 * 60_000;

/** Query parameters that carry credentials: never stored in a cursor or a capture's source. */
const CREDENTIAL_PARAMS = ['access_token', 'appsecret_proof'];

export interface GraphClientOptions {
  /** `https://graph.facebook.com` (or a fake's base URL). */
  graphUrl: string;
  apiVersion: string;
  accessToken: string;
  /** When set, every call carries `appsecret_proof` (required by apps with "Require App Secret" on). */
  appSecret?: string;
  /** Names the token in messages: "the Page's access token", "the Instagram account's access token". */
  tokenOwner: string;
  /** Where a new token is made, said in the credentials error: "reconnect the Page (…)". */
  reconnectHint: string;
  now?: () => number;
}

/** A Graph answer: the response as received and the error it carries (null on success). */
export interface GraphResponse extends PlatformResponse {
  error: GraphError | null;
}

/**
 * GETs against the Graph API with one token. Throttling (in the body, not as 429) becomes RateLimitedError with
 * the wait from the usage headers; code 190 becomes ConnectorCredentialsError; high usage pauses the next call.
 * Every other answer is returned, so callers decide what an error means where they are (100/33 is "gone" for
 * a direct lookup and nothing more for a listing).
 */
export class GraphClient {
  readonly origin: string;
  private readonly now: () => number;
  private pausedUntil = 0;

  constructor(private readonly options: GraphClientOptions) {
    this.origin = new URL(options.graphUrl).origin;
    this.now = options.now ?? Date.now;
  }

  /** `graphUrl/apiVersion/path?params`, without credentials (what cursors and sources hold). */
  urlOf(path: string, params: Record<string, string> = {}): string {
    const url = new URL(`/${this.options.apiVersion}/${path.replace(/^\/+/, '')}`, this.origin);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** A `paging.next` URL made safe to keep: on Graph's own origin, without the token Graph puts into it. */
  storableUrl(url: string): string {
    const parsed = new URL(url, this.origin);
    if (parsed.origin !== this.origin)
      throw new Error(`Graph pointed a next page to ${parsed.origin}, not ${this.origin}`);
    for (const name of CREDENTIAL_PARAMS) parsed.searchParams.delete(name);
    return parsed.toString();
  }

  /** GETs a Graph URL (as from `urlOf` or `storableUrl`), adding the token. */
  async get(url: string, signal?: AbortSignal): Promise<GraphResponse> {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) throw new RateLimitedError(wait, throttledMessage('usage is close to the limit', wait));
    const target = new URL(this.storableUrl(url));
    target.searchParams.set('access_token', this.options.accessToken);
    if (this.options.appSecret) target.searchParams.set('appsecret_proof', this.proof());
    const response = await platformGet(target.toString(), { signal });
    const result: GraphResponse = { ...response, url: this.storableUrl(url), error: graphErrorOf(response) };
    const usage = usageOf(response.headers);
    if (result.error && RATE_LIMIT_CODES.has(result.error.code)) {
      const ms = usage.regainAccessMs ?? DEFAULT_THROTTLE_WAIT_MS;
      throw new RateLimitedError(ms, throttledMessage(`code ${result.error.code}: ${result.error.message}`, ms));
    }
    if (result.error?.code === INVALID_TOKEN_CODE) throw this.refused(result.error);
    if (usage.percent >= SLOW_DOWN_PERCENT) this.pausedUntil = this.now() + (usage.regainAccessMs ?? SLOW_DOWN_WAIT_MS);
    return result;
  }

  /** A CDN file: no token (it belongs to Graph alone), no Graph error handling. */
  async getMedia(url: string, signal?: AbortSignal): Promise<PlatformResponse> {
    return platformGet(url, { signal, headers: { accept: '*/*' } });
  }

  /** An answer where only success makes sense: a settings problem for a 4xx, else an error the sync retries. */
  unexpected(response: GraphResponse, what: string): Error {
    const detail = response.error
      ? `: ${response.error.message} (code ${response.error.code}${response.error.error_subcode ? `/${response.error.error_subcode}` : ''})`
      : '';
    const message = `${new URL(this.origin).host} answered ${response.status} to ${what}${detail}`;
    return response.status >= 400 && response.status < 500
      ? new ConnectorConfigError(message)
      : new Error(`${message}; the sync will try again`);
  }

  private refused(error: GraphError): ConnectorCredentialsError {
    return new ConnectorCredentialsError(
      `${this.options.tokenOwner} is invalid or expired: ${this.options.reconnectHint} (Graph said: ${error.message})`,
    );
  }

  private proof(): string {
    return createHmac('sha256', this.options.appSecret!).update(this.options.accessToken).digest('hex');
  }
}

function throttledMessage(why: string, ms: number): string {
  return `Graph API rate limit (${why}); retry in ${Math.ceil(ms / 60_000)} min`;
}
