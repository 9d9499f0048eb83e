import type {
  ExportImportStore,
  ModerationLedgerStore,
  ModerationStore,
  PeopleStore,
  RetentionStore,
} from '@verbatim/core';
import type { BundleStore, ComplianceStore, FoiaStore } from '@verbatim/foia';
import { PostgresComplianceStore } from './compliance/postgres.compliance-store';
import { PostgresExportImportStore } from './imports/postgres.export-import-store';
import { PostgresBundleStore } from './foia/postgres.bundle-store';
import { PostgresFoiaStore } from './foia/postgres.foia-store';
import { openMigratedPool, type PostgresCatalogOptions } from './open-postgres-catalog';
import { PostgresModerationLedger } from './moderation/postgres.moderation-ledger';
import { PostgresModerationStore } from './moderation/postgres.moderation-store';
import { PostgresCatalog } from './postgres.catalog';
import { PostgresPeopleStore } from './people/postgres.people-store';
import { PostgresRetentionStore } from './retention/postgres.retention-store';

export type PostgresBackendStoresOptions = Omit<PostgresCatalogOptions, 'connectionString'>;

/** Every store the process keeps in the catalog's database, on one pool. */
export interface PostgresBackendStores {
  catalog: PostgresCatalog;
  /** FOIA requests and their outbox: a request and its notifications commit together. */
  foiaStore: FoiaStore;
  bundleStore: BundleStore;
  people: PeopleStore;
  /** Retention rules, legal holds and dispositions. */
  retention: RetentionStore;
  /** Policy documents, receipts, people history, approvals and announced compliance, beside the outbox. */
  complianceStore: ComplianceStore;
  /** Removal categories and moderation reviews, with their notices in the same outbox. */
  moderation: ModerationStore;
  /** Every hide and disappearance, once, with the unreviewed ones' notices. */
  moderationLedger: ModerationLedgerStore;
  /** Imports of platform exports and their reports. */
  exportImports: ExportImportStore;
  /** Ends the shared pool after the queries in flight; closing twice is harmless. */
  close(): Promise<void>;
}

/**
 * Opens one pool on `schema` of the database at `connectionString`, migrates it once (under the advisory lock,
 * however many processes start together) and returns the catalog and the FOIA, bundle and people stores on it.
 * Throws, with the pool closed, when the database cannot be reached or migrated.
 */
export async function openPostgresBackendStores(
  connectionString: string,
  options: PostgresBackendStoresOptions = {},
): Promise<PostgresBackendStores> {
  const pool = await openMigratedPool({ connectionString, ...options });
  const catalog = new PostgresCatalog(pool);
  return {
    catalog,
    foiaStore: new PostgresFoiaStore(pool),
    bundleStore: new PostgresBundleStore(pool),
    people: new PostgresPeopleStore(pool),
    retention: new PostgresRetentionStore(pool),
    complianceStore: new PostgresComplianceStore(pool),
    moderation: new PostgresModerationStore(pool),
    moderationLedger: new PostgresModerationLedger(pool),
    exportImports: new PostgresExportImportStore(pool),
    // The catalog owns the pool: ending it through the catalog keeps a second close harmless.
    close: () => catalog.close(),
  };
}
