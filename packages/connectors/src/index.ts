export { ConnectorConfigSchemas, createConnector, parseConnectorConfig } from './connector-registry';
export type { ConnectorConfig, ConnectorConfigInput, ConnectorType } from './connector-registry';
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
export { htmlToText } from './mastodon/html-to-text';
export { BlueskyConnectorConfigSchema } from './bluesky/bluesky-connector.config';
export type { BlueskyConnectorConfig, BlueskyConnectorConfigInput } from './bluesky/bluesky-connector.config';
export { BlueskyConnector } from './bluesky/bluesky.connector';
export { FacebookConnectorConfigSchema } from './facebook/facebook-connector.config';
export type { FacebookConnectorConfig, FacebookConnectorConfigInput } from './facebook/facebook-connector.config';
export { FacebookConnector } from './facebook/facebook.connector';
export { InstagramConnectorConfigSchema } from './instagram/instagram-connector.config';
export type { InstagramConnectorConfig, InstagramConnectorConfigInput } from './instagram/instagram-connector.config';
export { InstagramConnector } from './instagram/instagram.connector';
export { GraphClient, DEFAULT_THROTTLE_WAIT_MS, SLOW_DOWN_PERCENT } from './graph/graph-client';
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
