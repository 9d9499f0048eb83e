export { ConnectorConfigSchemas, createConnector, parseConnectorConfig } from './connector-registry';
export type { ConnectorConfig, ConnectorConfigInput, ConnectorType } from './connector-registry';
export { DEFAULT_REQUEST_CONCURRENCY } from './connector-options';
export type { ConnectorOptions } from './connector-options';
export { MockConnectorConfigSchema } from './mock/mock-connector.config';
export type { MockConnectorConfig, MockConnectorConfigInput } from './mock/mock-connector.config';
export { MockConnector } from './mock/mock.connector';
export { MockPlatform } from './mock/mock-platform';
export type { MockGroundTruth, MockImage, MockItem } from './mock/mock-item';
export type { MockPosition } from './mock/mock-layout';
export { MockItemPayloadSchema, MockPagePayloadSchema } from './mock/mock-payload.schema';
export { readMockPage } from './mock/mock-payload.mapper';
export { MastodonConnectorConfigSchema } from './mastodon/mastodon-connector.config';
export type { MastodonConnectorConfig, MastodonConnectorConfigInput } from './mastodon/mastodon-connector.config';
export { MastodonConnector } from './mastodon/mastodon.connector';
export { htmlToText } from './text/html-to-text';
export { BlueskyConnectorConfigSchema } from './bluesky/bluesky-connector.config';
export type { BlueskyConnectorConfig, BlueskyConnectorConfigInput } from './bluesky/bluesky-connector.config';
export { BlueskyConnector } from './bluesky/bluesky.connector';
export { FacebookConnectorConfigSchema } from './facebook/facebook-connector.config';
export type { FacebookConnectorConfig, FacebookConnectorConfigInput } from './facebook/facebook-connector.config';
export { FacebookConnector } from './facebook/facebook.connector';
export { InstagramConnectorConfigSchema } from './instagram/instagram-connector.config';
export type { InstagramConnectorConfig, InstagramConnectorConfigInput } from './instagram/instagram-connector.config';
export { InstagramConnector } from './instagram/instagram.connector';
export { FeedConnectorConfigSchema } from './feed/feed-connector.config';
export type { FeedConnectorConfig, FeedConnectorConfigInput } from './feed/feed-connector.config';
export { FeedConnector } from './feed/feed.connector';
export { WebsiteConnectorConfigSchema } from './website/website-connector.config';
export type { WebsiteConnectorConfig, WebsiteConnectorConfigInput } from './website/website-connector.config';
export { WebsiteConnector } from './website/website.connector';
export { YoutubeConnectorConfigSchema } from './youtube/youtube-connector.config';
export type { YoutubeConnectorConfig, YoutubeConnectorConfigInput } from './youtube/youtube-connector.config';
export { YoutubeConnector } from './youtube/youtube.connector';
export { XConnectorConfigSchema } from './x/x-connector.config';
export type { XConnectorConfig, XConnectorConfigInput } from './x/x-connector.config';
export { X_TIER_NOTICES, XConnector } from './x/x.connector';
export { LinkedinConnectorConfigSchema } from './linkedin/linkedin-connector.config';
export type { LinkedinConnectorConfig, LinkedinConnectorConfigInput } from './linkedin/linkedin-connector.config';
export { LinkedinConnector } from './linkedin/linkedin.connector';
export { LINKEDIN_VERSION } from './linkedin/linkedin-client';
export { DiscourseConnectorConfigSchema } from './discourse/discourse-connector.config';
export type { DiscourseConnectorConfig, DiscourseConnectorConfigInput } from './discourse/discourse-connector.config';
export { DiscourseConnector } from './discourse/discourse.connector';
export { GraphClient, DEFAULT_THROTTLE_WAIT_MS, SLOW_DOWN_PERCENT, SLOW_DOWN_WAIT_MS } from './graph/graph-client';
export { usageOf as graphUsageOf } from './graph/graph-usage';
export { GraphErrorSchema, isMissingObject, RATE_LIMIT_CODES } from './graph/graph-error';
export { graphTimeToIso } from './graph/graph-time';
export {
  FacebookWebhookDeliverySchema,
  isVerifyTokenValid,
  isWebhookSignatureValid,
  parseWebhookDelivery,
} from './facebook/facebook-webhook';
export type { FacebookWebhookDelivery } from './facebook/facebook-webhook';
export { ImportOnlyConnectorConfigSchema } from './import-only/import-only-connector.config';
export { IMPORT_ONLY_SYNC_REFUSAL } from './import-only/import-only.connector';
export { EXPORT_READERS, findExportReader } from './exports/export-readers';
