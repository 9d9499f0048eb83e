import { ConnectorConfigError, ConnectorCredentialsError, RateLimitedError } from '@verbatim/core';
import { z } from 'zod';
import { jsonOf, platformGet, retryAfterMs, type PlatformResponse } from '../http/platform-http';
import type { YoutubeConnectorConfig } from './youtube-connector.config';
import { YoutubeAccessTokens } from './youtube-access-tokens';

/** Google's error envelope: `{"error":{"code","message","errors":[{"reason","domain"}]}}`. */
const YoutubeErrorSchema = z.object({
  error: z.object({
    code: z.number().int(),
    message: z.string(),
    errors: z.array(z.object({ reason: z.string().optional(), domain: z.string().optional() })).optional(),
  }),
});

/** A short throttle (`rateLimitExceeded`, 429) without a Retry-After: a minute. */
const THROTTLE_WAIT_MS = 60_000;

export interface YoutubeResponse extends PlatformResponse {
  /** The first error reason (`quotaExceeded`, `commentsDisabled`, `videoNotFound`), or null on success. */
  reason: string | null;
}

/**
 * GETs against the YouTube Data API with the account's key or token. The daily quota running out
 * (`quotaExceeded`) becomes RateLimitedError until the quota resets at midnight Pacific time; a short throttle
 * waits a minute; a refused key or token is ConnectorCredentialsError. Other answers are returned, so callers
 * decide what a reason means where they are.
 */
export class YoutubeClient {
  private readonly tokens: YoutubeAccessTokens | null;

  constructor(
    private readonly config: YoutubeConnectorConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = config.apiKey ? null : new YoutubeAccessTokens(config);
  }

  /** `apiUrl/resource?params`, without the key (what cursors and sources hold). */
  urlOf(resource: string, params: Record<string, string>): string {
    const url = new URL(`${this.config.apiUrl.replace(/\/+$/, '')}/${resource}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async get(url: string, signal?: AbortSignal): Promise<YoutubeResponse> {
    let response = await this.send(url, signal);
    // An access token lasts an hour: with a refresh token, a refused one is replaced once and the call made again.
    if (response.status === 401 && this.tokens?.canRefresh) {
      await this.tokens.refresh(signal);
      response = await this.send(url, signal);
    }
    return this.read(response, url);
  }

  private async send(url: string, signal?: AbortSignal): Promise<PlatformResponse> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    if (this.tokens) headers.authorization = `Bearer ${await this.tokens.current(signal)}`;
    else target.searchParams.set('key', this.config.apiKey!);
    return { ...(await platformGet(target.toString(), { signal, headers })), url };
  }

  private read(response: PlatformResponse, url: string): YoutubeResponse {
    const parsed = response.status >= 400 ? YoutubeErrorSchema.safeParse(jsonOf(response)) : null;
    const reason = parsed?.success ? (parsed.data.error.errors?.[0]?.reason ?? null) : null;
    const message = parsed?.success ? parsed.data.error.message : `HTTP ${response.status}`;
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
      const wait = Math.max(1000, nextPacificMidnight(this.now()) - this.now());
      throw new RateLimitedError(
        wait,
        `the YouTube API quota of the key's Google Cloud project is spent for today; it resets at midnight Pacific time, in ${Math.ceil(wait / 60_000)} min`,
      );
    }
    if (response.status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
      const wait = retryAfterMs(response.headers.get('retry-after'), this.now()) ?? THROTTLE_WAIT_MS;
      throw new RateLimitedError(Math.max(1000, wait), `YouTube asked to slow down (${reason ?? 429})`);
    }
    if (response.status === 401 || reason === 'keyInvalid' || reason === 'keyExpired' || reason === 'authError') {
      throw new ConnectorCredentialsError(this.refusedCredentials(message));
    }
    if (response.status >= 500)
      throw new Error(`YouTube answered ${response.status} to ${url}; the sync will try again`);
    return { ...response, reason };
  }

  private refusedCredentials(message: string): string {
    if (this.config.apiKey)
      return `the YouTube API key was refused (${message}): create a new one in the Google Cloud console (YouTube Data API v3 enabled) and save it on the account`;
    if (this.tokens?.canRefresh)
      return `the YouTube access token was refused even just renewed (${message}): the channel's owner must authorize Verbatim again with the youtube.readonly scope and the new refreshToken be saved on the account`;
    return `the YouTube access token was refused (${message}): access tokens last an hour; save the channel owner's refreshToken with the OAuth client's clientId and clientSecret on the account so Verbatim renews it`;
  }

  /** An answer where only success makes sense: a settings problem for a 4xx. */
  unexpected(response: YoutubeResponse, what: string): Error {
    return new ConnectorConfigError(
      `YouTube answered ${response.status} (${response.reason ?? 'no reason'}) to ${what}`,
    );
  }
}

/** The next midnight in America/Los_Angeles after `now` (epoch ms), when YouTube's daily quota resets. */
export function nextPacificMidnight(now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(now));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)!.value;
  const offset = /GMT([+-])(\d\d):(\d\d)/.exec(part('timeZoneName'));
  const offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : -480;
  const midnightUtc = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day')) + 1);
  const candidate = midnightUtc - offsetMinutes * 60_000;
  // Across a daylight-saving change the offset at midnight differs by an hour: take whichever is ahead of now.
  return candidate > now ? candidate : candidate + 3_600_000;
}
