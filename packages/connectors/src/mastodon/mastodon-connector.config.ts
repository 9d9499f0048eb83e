import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Settings of the Mastodon connector: which instance, which account, and optionally a token of that account.
 * The token is only ever sent to the instance itself, never to media hosts.
 */
export const MastodonConnectorConfigSchema = z.strictObject({
  type: z.literal('mastodon'),
  /** The instance the account lives on, e.g. `https://gov.social`. https, or http on this machine (tests). */
  instanceUrl: z
    .url({ protocol: /^https?$/ })
    .refine((value) => new URL(value).protocol === 'https:' || LOOPBACK_HOSTS.has(new URL(value).hostname), {
      message: 'use https (plain http is only accepted for localhost)',
    }),
  /** The account's username (`townofx`, `@townofx`, `townofx@gov.social`) or its numeric id. */
  account: z.string().trim().min(1).max(300),
  /**
   * An access token with the `read:statuses` scope. Optional: public posts are readable without one, but with
   * one the instance returns a reply thread's full depth rather than its first 60 replies.
   */
  accessToken: z.string().trim().min(1).max(500).optional(),
});

export type MastodonConnectorConfig = z.output<typeof MastodonConnectorConfigSchema>;
export type MastodonConnectorConfigInput = z.input<typeof MastodonConnectorConfigSchema>;
