export { ConnectorConfigSchemas, createConnector, parseConnectorConfig } from './connector-registry';
export type { ConnectorConfig, ConnectorConfigInput, ConnectorType } from './connector-registry';
export { MockConnectorConfigSchema } from './mock/mock-connector.config';
export type { MockConnectorConfig, MockConnectorConfigInput } from './mock/mock-connector.config';
export { MockConnector } from './mock/mock.connector';
export { MockPlatform } from './mock/mock-platform';
export type { MockGroundTruth, MockImage, MockItem } from './mock/mock-item';
export type { MockPosition } from './mock/mock-layout';
export { MockItemPayloadSchema, MockPagePayloadSchema } from './mock/mock-payload.schema';
