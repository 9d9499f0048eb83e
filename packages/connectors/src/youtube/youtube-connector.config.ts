import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

const secret = (max: number) => z.string().trim().min(10).max(max);

/**
 * Settings of the YouTube connector: the channel, and either an API key (public videos and comments) or OAuth
 * credentials of the channel's owner (which also show held comments' `moderationStatus`): an access token, and
 * for a sync that keeps working past the hour such a token lasts, the refresh token with the OAuth client's id
 * and secret, from which Verbatim asks Google for new access tokens. `apiUrl` and `tokenUrl` point at other
 * servers (tests).
 */
export const YoutubeConnectorConfigSchema = z
  .strictObject({
    type: z.literal('youtube'),
    /** The channel id, `UC` and 22 characters (YouTube Studio → Settings → Channel → Advanced settings). */
    channelId: z.string().regex(/^UC[\w-]{22}$/, 'a channel id is UC followed by 22 letters, digits, - or _'),
    apiKey: secret(200).optional(),
    accessToken: secret(4000).optional(),
    refreshToken: secret(4000).optional(),
    clientId: z.string().trim().min(10).max(300).optional(),
    clientSecret: secret(300).optional(),
    apiUrl: webUrl({ allowHttp: false }).default('https://www.googleapis.com/youtube/v3'),
    tokenUrl: webUrl({ allowHttp: false }).default('https://oauth2.googleapis.com/token'),
  })
  .refine(
    (config) =>
      (config.apiKey === undefined) !== (config.accessToken === undefined && config.refreshToken === undefined),
    {
      message: 'give either apiKey or OAuth credentials (accessToken, or refreshToken with clientId and clientSecret)',
      path: ['apiKey'],
    },
  )
  .refine(
    (config) =>
      (config.refreshToken === undefined) === (config.clientId === undefined) &&
      (config.refreshToken === undefined) === (config.clientSecret === undefined),
    {
      message: 'a refreshToken needs the OAuth client’s clientId and clientSecret, and they need it',
      path: ['refreshToken'],
    },
  );

export type YoutubeConnectorConfig = z.output<typeof YoutubeConnectorConfigSchema>;
export type YoutubeConnectorConfigInput = z.input<typeof YoutubeConnectorConfigSchema>;
