import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Settings of the Instagram connector (a professional account linked to a Facebook Page, read through the Graph
 * API with Facebook Login). The token comes from a Meta app with instagram_basic and instagram_manage_comments;
 * the latter is what lets it see the account's hidden comments.
 */
export const InstagramConnectorConfigSchema = z.strictObject({
  type: z.literal('instagram'),
  /** The Instagram professional account's id (`GET /{page-id}?fields=instagram_business_account`), not the @name. */
  igUserId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'expected the numeric Instagram user id (instagram_business_account.id), not the @username'),
  accessToken: z.string().trim().min(20).max(1000),
  /** https, or http on this machine (tests against the fake Graph API). */
  graphUrl: z
    .url({ protocol: /^https?$/ })
    .refine((value) => new URL(value).protocol === 'https:' || LOOPBACK_HOSTS.has(new URL(value).hostname), {
      message: 'use https (plain http is only accepted for localhost)',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://graph.facebook.com'),
  apiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/, 'expected a Graph API version such as v21.0')
    .default('v21.0'),
});

export type InstagramConnectorConfig = z.output<typeof InstagramConnectorConfigSchema>;
export type InstagramConnectorConfigInput = z.input<typeof InstagramConnectorConfigSchema>;
