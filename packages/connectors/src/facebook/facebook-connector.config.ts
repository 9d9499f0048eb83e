import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Settings of the Facebook Pages connector. The token is a Page access token of the town's Page (from a Meta app
 * with pages_read_engagement and pages_read_user_content); `appSecret`, the app's secret, signs `appsecret_proof`
 * on every call and checks the signatures of the Page's webhook deliveries.
 */
export const FacebookConnectorConfigSchema = z.strictObject({
  type: z.literal('facebook'),
  /** The Page's numeric id (Page settings → About → Page transparency, or Meta Business Suite). */
  pageId: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'expected the numeric Page id'),
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
  appSecret: z.string().trim().min(16).max(200).optional(),
});

export type FacebookConnectorConfig = z.output<typeof FacebookConnectorConfigSchema>;
export type FacebookConnectorConfigInput = z.input<typeof FacebookConnectorConfigSchema>;
