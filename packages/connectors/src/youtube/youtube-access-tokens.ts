import { ConnectorCredentialsError } from '@verbatim/core';
import { z } from 'zod';
import { PlatformHttpError } from '../http/platform-http';
import type { YoutubeConnectorConfig } from './youtube-connector.config';

const TokenAnswerSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() });
const TokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/**
 * The OAuth access token a YouTube sync sends: the one saved on the account, then, with the owner's refresh
 * token and the OAuth client's id and secret, new ones from Google's token endpoint (`grant_type=refresh_token`)
 * whenever YouTube refuses the current one. Kept in memory only: the saved settings never change.
 */
export class YoutubeAccessTokens {
  private token: string | null;
  /** The renewal under way: requests refused at once (a pass makes several at a time) share one. */
  private renewing: Promise<void> | null = null;

  constructor(private readonly config: YoutubeConnectorConfig) {
    this.token = config.accessToken ?? null;
  }

  get canRefresh(): boolean {
    return this.config.refreshToken !== undefined;
  }

  async current(signal?: AbortSignal): Promise<string> {
    if (this.token === null) await this.refresh(signal);
    return this.token!;
  }

  async refresh(signal?: AbortSignal): Promise<void> {
    this.renewing ??= this.renew(signal).finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renew(signal?: AbortSignal): Promise<void> {
    const { refreshToken, clientId, clientSecret, tokenUrl } = this.config;
    if (!refreshToken || !clientId || !clientSecret) throw new Error('no refresh token to renew the access token with');
    const timeout = AbortSignal.timeout(30_000);
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: clientId,
          client_secret: clientSecret,
        }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new PlatformHttpError(
        `${new URL(tokenUrl).host} could not be reached to renew the YouTube access token; the sync will try again`,
        {
          cause: error,
        },
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    const answer = TokenAnswerSchema.safeParse(body);
    if (response.ok && answer.success) {
      this.token = answer.data.access_token;
      return;
    }
    const refused = TokenErrorSchema.safeParse(body);
    if (response.status === 400 || response.status === 401) {
      const why = refused.success ? refused.data.error : `HTTP ${response.status}`;
      throw new ConnectorCredentialsError(
        `Google refused to renew the YouTube access token (${why}): the refresh token was revoked or expired, or the client id and secret do not match it; the channel's owner must authorize Verbatim again and the new refreshToken be saved on the account`,
      );
    }
    throw new Error(`Google's token endpoint answered ${response.status}; the sync will try again`);
  }
}
