import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the Discourse connector: the forum's address, optionally one category (its slug or numeric id) to
 * archive instead of the whole forum, and optionally an API key. A key is sent with an API username, the user the
 * forum acts as: `system` unless told, which sees every public and staff-only category; a key scoped to one user
 * (e.g. `townclerk`) sees what that user sees. Without a key only what anyone can read is archived.
 */
export const DiscourseConnectorConfigSchema = z
  .strictObject({
    type: z.literal('discourse'),
    /** The forum's address, e.g. `https://forum.townofx.gov` (https, or http on this machine for tests). */
    baseUrl: webUrl({ allowHttp: false }).transform((value) => value.replace(/\/+$/, '')),
    /** A category's slug (`town-council`) or numeric id; every category when absent. */
    category: z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}_-]{1,100}$/u, 'a category is its slug (letters, digits, - and _) or its numeric id')
      .optional(),
    /** An API key made in the forum's Admin → API → Keys; read-only scope is enough. */
    apiKey: z.string().trim().min(16, 'a Discourse API key is 64 characters').max(200).optional(),
    /** Who the key acts as (only with `apiKey`); `system` when absent. */
    apiUsername: z
      .string()
      .trim()
      .regex(/^[\w.-]{1,60}$/, 'a Discourse username is letters, digits, _, . or -')
      .optional(),
  })
  .refine((config) => config.apiUsername === undefined || config.apiKey !== undefined, {
    message: 'apiUsername is only used with an apiKey: give the key too, or leave both out',
    path: ['apiUsername'],
  });

/** Who an API key acts as when the config does not say: the forum's own admin user, present on every forum. */
export const DEFAULT_API_USERNAME = 'system';

export type DiscourseConnectorConfig = z.output<typeof DiscourseConnectorConfigSchema>;
export type DiscourseConnectorConfigInput = z.input<typeof DiscourseConnectorConfigSchema>;
