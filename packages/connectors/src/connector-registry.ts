import { ConnectorConfigError, type Connector } from '@verbatim/core';
import { z } from 'zod';
import { MastodonConnectorConfigSchema } from './mastodon/mastodon-connector.config';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { BlueskyConnectorConfigSchema } from './bluesky/bluesky-connector.config';
import { BlueskyConnector } from './bluesky/bluesky.connector';
import { FacebookConnectorConfigSchema } from './facebook/facebook-connector.config';
import { FacebookConnector } from './facebook/facebook.connector';
import { InstagramConnectorConfigSchema } from './instagram/instagram-connector.config';
import { InstagramConnector } from './instagram/instagram.connector';
import { FeedConnectorConfigSchema } from './feed/feed-connector.config';
import { FeedConnector } from './feed/feed.connector';
import { WebsiteConnectorConfigSchema } from './website/website-connector.config';
import { WebsiteConnector } from './website/website.connector';
import { ImportOnlyConnectorConfigSchema } from './import-only/import-only-connector.config';
import { ImportOnlyConnector } from './import-only/import-only.connector';
import { YoutubeConnectorConfigSchema } from './youtube/youtube-connector.config';
import { YoutubeConnector } from './youtube/youtube.connector';
import { XConnectorConfigSchema } from './x/x-connector.config';
import { XConnector } from './x/x.connector';
import { MediawikiConnectorConfigSchema } from './mediawiki/mediawiki-connector.config';
import { MediawikiConnector } from './mediawiki/mediawiki.connector';
import { LinkedinConnectorConfigSchema } from './linkedin/linkedin-connector.config';
import { LinkedinConnector } from './linkedin/linkedin.connector';
import { DiscourseConnectorConfigSchema } from './discourse/discourse-connector.config';
import { DiscourseConnector } from './discourse/discourse.connector';
import { MockConnectorConfigSchema } from './mock/mock-connector.config';
import { MockConnector } from './mock/mock.connector';
import type { ConnectorOptions } from './connector-options';

/**
 * Every connector's config, told apart by `type`. A new platform adds its schema here and its factory below;
 * the compiler then insists the two agree.
 */
export const ConnectorConfigSchemas = z.discriminatedUnion('type', [
  MockConnectorConfigSchema,
  MastodonConnectorConfigSchema,
  BlueskyConnectorConfigSchema,
  FacebookConnectorConfigSchema,
  InstagramConnectorConfigSchema,
  FeedConnectorConfigSchema,
  WebsiteConnectorConfigSchema,
  YoutubeConnectorConfigSchema,
  XConnectorConfigSchema,
  MediawikiConnectorConfigSchema,
  LinkedinConnectorConfigSchema,
  DiscourseConnectorConfigSchema,
  ImportOnlyConnectorConfigSchema,
]);

/** A validated connector config, defaults applied. */
export type ConnectorConfig = z.output<typeof ConnectorConfigSchemas>;
/** A connector config as written by a user or stored with an account (defaults not yet applied). */
export type ConnectorConfigInput = z.input<typeof ConnectorConfigSchemas>;
export type ConnectorType = ConnectorConfig['type'];

type ConnectorFactories = {
  [Type in ConnectorType]: (config: Extract<ConnectorConfig, { type: Type }>, options: ConnectorOptions) => Connector;
};

/** One factory per type. Adapters with heavy SDKs should `require` them inside their factory, only when chosen. */
const FACTORIES: ConnectorFactories = {
  mock: (config) => new MockConnector(config),
  mastodon: (config, options) => new MastodonConnector(config, options),
  bluesky: (config) => new BlueskyConnector(config),
  facebook: (config, options) => new FacebookConnector(config, options),
  instagram: (config) => new InstagramConnector(config),
  feed: (config) => new FeedConnector(config),
  website: (config) => new WebsiteConnector(config),
  youtube: (config) => new YoutubeConnector(config),
  x: (config) => new XConnector(config),
  mediawiki: (config) => new MediawikiConnector(config),
  linkedin: (config) => new LinkedinConnector(config),
  discourse: (config) => new DiscourseConnector(config),
  'import-only': () => new ImportOnlyConnector(),
};

/** Validates an account's connector settings; throws a `ZodError` naming the failing fields. */
export function parseConnectorConfig(input: unknown): ConnectorConfig {
  return ConnectorConfigSchemas.parse(input);
}

/**
 * The one place a connector is chosen. Accepts a config as stored with an account (validated again here, since
 * stored settings may predate a schema change) and throws `ConnectorConfigError` when it is unusable.
 */
export function createConnector(config: { readonly type: string }, options: ConnectorOptions = {}): Connector {
  const parsed = ConnectorConfigSchemas.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`)
      .join('; ');
    throw new ConnectorConfigError(`invalid ${config.type} connector config: ${problems}`);
  }
  return build(parsed.data, options);
}

/** The factory of the config's type, called with its config (the compiler cannot pair them up by itself). */
function build<Type extends ConnectorType>(
  config: Extract<ConnectorConfig, { type: Type }>,
  options: ConnectorOptions,
): Connector {
  return FACTORIES[config.type](config, options);
}
