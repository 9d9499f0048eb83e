import { ConnectorConfigError, type Connector } from '@verbatim/core';

export const IMPORT_ONLY_SYNC_REFUSAL =
  'this account is import-only: it has no platform API to poll; upload the platform export on its page or with npm run import';

/**
 * The connector of an import-only account. Such accounts are never scheduled nor synced (the scheduler and
 * "Sync now" check first); should a sync reach one anyway, it fails at once, saying why, and is not retried.
 */
export class ImportOnlyConnector implements Connector {
  async beginPass(): Promise<never> {
    throw new ConnectorConfigError(IMPORT_ONLY_SYNC_REFUSAL);
  }

  async fetchPage(): Promise<never> {
    throw new ConnectorConfigError(IMPORT_ONLY_SYNC_REFUSAL);
  }

  async fetchMedia(): Promise<never> {
    throw new ConnectorConfigError(IMPORT_ONLY_SYNC_REFUSAL);
  }

  async confirmGone(): Promise<string[]> {
    return [];
  }
}
