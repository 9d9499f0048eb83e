import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the X connector: the account (its numeric user id, or its @username, looked up at each pass) and
 * an app's bearer token from the X developer portal. `apiUrl` points at another server (tests).
 */
export const XConnectorConfigSchema = z
  .strictObject({
    type: z.literal('x'),
    userId: z
      .string()
      .regex(/^\d{1,25}$/, 'a user id is digits only')
      .optional(),
    username: z
      .string()
      .trim()
      .transform((value) => value.replace(/^@/, ''))
      .pipe(z.string().regex(/^\w{1,15}$/, 'an X username is 1 to 15 letters, digits or _'))
      .optional(),
    bearerToken: z.string().trim().min(20).max(500),
    apiUrl: webUrl({ allowHttp: false }).default('https://api.x.com/2'),
  })
  .refine((config) => (config.userId === undefined) !== (config.username === undefined), {
    message: 'give either userId or username, not both',
    path: ['userId'],
  });

export type XConnectorConfig = z.output<typeof XConnectorConfigSchema>;
export type XConnectorConfigInput = z.input<typeof XConnectorConfigSchema>;
