import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the website connector: the pages to snapshot, and how many links deep to follow from them on the
 * same site (0: only these pages; at most 2, which covers a town site's sections and their pages).
 */
export const WebsiteConnectorConfigSchema = z.strictObject({
  type: z.literal('website'),
  urls: z
    .array(webUrl({ allowHttp: true }))
    .min(1)
    .max(50),
  depth: z.number().int().min(0).max(2).default(0),
});

export type WebsiteConnectorConfig = z.output<typeof WebsiteConnectorConfigSchema>;
export type WebsiteConnectorConfigInput = z.input<typeof WebsiteConnectorConfigSchema>;
