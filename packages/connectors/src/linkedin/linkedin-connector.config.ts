import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the LinkedIn connector: the organization (its numeric id, or its `urn:li:organization:` URN) and
 * a 3-legged OAuth access token of one of its administrators, issued to an app approved for LinkedIn's
 * Community Management API with `r_organization_social`. `apiUrl` points at another server (tests).
 */
export const LinkedinConnectorConfigSchema = z.strictObject({
  type: z.literal('linkedin'),
  /** The number in the organization's admin page address (linkedin.com/company/<id>/admin/). */
  organizationId: z
    .string()
    .trim()
    .transform((value) => value.replace(/^urn:li:organization:/, ''))
    .pipe(z.string().regex(/^\d{1,20}$/, 'an organization id is digits only (or urn:li:organization:<digits>)')),
  accessToken: z.string().trim().min(20).max(4000),
  apiUrl: webUrl({ allowHttp: false }).default('https://api.linkedin.com/rest'),
});

export type LinkedinConnectorConfig = z.output<typeof LinkedinConnectorConfigSchema>;
export type LinkedinConnectorConfigInput = z.input<typeof LinkedinConnectorConfigSchema>;
