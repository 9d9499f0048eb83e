import { z } from 'zod';
import { IMPORT_ONLY_CONNECTOR_TYPE } from '@verbatim/core';

/**
 * An account archived only from the platform's own exports (Snapchat, Yelp, Myspace, a platform the town has
 * left): nothing to poll, so nothing to configure.
 */
export const ImportOnlyConnectorConfigSchema = z.strictObject({ type: z.literal(IMPORT_ONLY_CONNECTOR_TYPE) });
export type ImportOnlyConnectorConfig = z.infer<typeof ImportOnlyConnectorConfigSchema>;
