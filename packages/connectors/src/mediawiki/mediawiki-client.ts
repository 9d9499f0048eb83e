import { ConnectorConfigError, RateLimitedError } from '@verbatim/core';
import { jsonOf, retryAfterMs, type PlatformResponse } from '../http/platform-http';
import { siteRateLimit, webGet } from '../http/web-fetch';
import type { MediawikiConnectorConfig } from './mediawiki-connector.config';
import { WikiErrorSchema, WikiQuerySchema, type WikiQuery } from './mediawiki-payload.schema';

/** Seconds of replication lag beyond which the wiki should turn us away (what its etiquette asks of bots). */
export const MAXLAG_SECONDS = 5;
/** When `ratelimited` names no wait: MediaWiki's rate limits count per minute. */
const RATELIMITED_WAIT_MS = 60_000;

/** An answer of the Action API: the exact bytes (the capture), and the query read from them. */
export interface WikiAnswer {
  response: PlatformResponse;
  query: WikiQuery;
}

/**
 * GETs against a MediaWiki Action API (`format=json`, `formatversion=2`, `maxlag`). A `maxlag` or
 * `ratelimited` error, a 429 or a 503 with `Retry-After` becomes RateLimitedError with the wiki's wait; an
 * address that does not answer like api.php, or an error the wiki gives for the request, a ConnectorConfigError
 * in plain words; 5xx an error the sync retries.
 */
export class MediawikiClient {
  constructor(private readonly config: MediawikiConnectorConfig) {}

  urlOf(params: Record<string, string>): string {
    const url = new URL(this.config.apiUrl);
    for (const [name, value] of Object.entries({
      action: 'query',
      format: 'json',
      formatversion: '2',
      maxlag: String(MAXLAG_SECONDS),
      ...params,
    }))
      url.searchParams.set(name, value);
    return url.toString();
  }

  /** The wiki's `index.php` beside its `api.php`: where pages and raw revisions are served. */
  indexUrl(params: Record<string, string>): string {
    const url = new URL(this.config.apiUrl.replace(/api\.php$/, 'index.php'));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async query(url: string, signal?: AbortSignal): Promise<WikiAnswer> {
    const response = await webGet(url, 'application/json', signal);
    const slowDown = siteRateLimit(response);
    if (slowDown) throw slowDown;
    if (response.status >= 500)
      throw new Error(`the wiki answered ${response.status} to ${url}; the sync will try again`);
    const body = jsonOf(response);
    const error = WikiErrorSchema.safeParse(body);
    if (error.success) throw this.errorOf(response, error.data.error);
    const query = WikiQuerySchema.safeParse(body);
    if (response.status !== 200 || body === undefined || !query.success) {
      throw new ConnectorConfigError(
        `${this.config.apiUrl} does not answer like a MediaWiki API (${response.status}, ${response.contentType.split(';')[0]}): check apiUrl; it is the wiki’s api.php address, listed on its Special:Version page under “Entry point URLs”`,
      );
    }
    return { response, query: query.data };
  }

  private errorOf(response: PlatformResponse, error: { code: string; info?: string; lag?: number }): Error {
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    if (error.code === 'maxlag') {
      const wait = Math.max(1000, retryAfter ?? (error.lag ?? MAXLAG_SECONDS) * 1000);
      return new RateLimitedError(
        wait,
        `the wiki’s databases are lagging (maxlag); retry in ${Math.ceil(wait / 1000)} s`,
      );
    }
    if (error.code === 'ratelimited') {
      const wait = Math.max(1000, retryAfter ?? RATELIMITED_WAIT_MS);
      return new RateLimitedError(wait, `the wiki’s rate limit was reached; retry in ${Math.ceil(wait / 1000)} s`);
    }
    if (error.code === 'readapidenied') {
      return new ConnectorConfigError(
        'the wiki lets only signed-in users read it (readapidenied): this connector archives public wikis; ask the wiki’s administrators to allow anonymous reading',
      );
    }
    return new ConnectorConfigError(`the wiki refused the request (${error.code}): ${error.info ?? 'no reason given'}`);
  }
}
