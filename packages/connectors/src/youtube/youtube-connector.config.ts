import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the YouTube connector: the channel, and either an API key (public videos and comments) or an OAuth
 * access token of the channel's owner (which also shows held comments' `moderationStatus`). `apiUrl` points
 * at another server (tests).
 */
export const YoutubeConnectorConfigSchema = z
  .strictObject({
    type: z.literal('youtube'),
    /** The channel id, `UC` and 22 characters (YouTube Studio → Settings → Channel → Advanced settings). */
    channelId: z.string().regex(/^UC[\w-]{22}$/, 'a channel id is UC followed by 22 letters, digits, - or _'),
    apiKey: z.string().trim().min(10).max(200).optional(),
    accessToken: z.string().trim().min(10).max(4000).optional(),
    apiUrl: webUrl({ allowHttp: false }).default('https://www.googleapis.com/youtube/v3'),
  })
  .refine((config) => (config.apiKey === undefined) !== (config.accessToken === undefined), {
    message: 'give either apiKey or accessToken, not both',
    path: ['apiKey'],
  });

export type YoutubeConnectorConfig = z.output<typeof YoutubeConnectorConfigSchema>;
export type YoutubeConnectorConfigInput = z.input<typeof YoutubeConnectorConfigSchema>;
