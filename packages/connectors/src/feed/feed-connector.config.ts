import { z } from 'zod';
import { webUrl } from '../http/web-fetch';

/**
 * Settings of the feed connector: the address of a blog's or news page's RSS 2.0 or Atom feed. Feeds are
 * public, so no credentials; plain http is accepted because many town sites still serve feeds without TLS.
 */
export const FeedConnectorConfigSchema = z.strictObject({
  type: z.literal('feed'),
  /** The feed itself (`https://town.gov/news/feed.xml`), not the page that links to it. */
  url: webUrl({ allowHttp: true }),
});

export type FeedConnectorConfig = z.output<typeof FeedConnectorConfigSchema>;
export type FeedConnectorConfigInput = z.input<typeof FeedConnectorConfigSchema>;
