export { SqliteCatalog } from './sqlite/sqlite.catalog';
export {
  openSqliteCatalog,
  openThreadedSqliteCatalog,
  type OpenedSqliteCatalog,
  type SqliteCatalogOptions,
} from './sqlite/open-sqlite-catalog';
export { MIGRATIONS, runMigrations, type Migration } from './sqlite/migrations';
export { UnknownReferenceError, StalePassError } from './errors';
export { SqliteFoiaStore } from './sqlite/foia/sqlite.foia-store';
export { SqliteBundleStore } from './sqlite/foia/sqlite.bundle-store';
export { SqlitePeopleStore } from './sqlite/sqlite.people-store';
export { SqliteRetentionStore } from './sqlite/retention/sqlite.retention-store';
export { SqliteModerationStore } from './sqlite/moderation/sqlite.moderation-store';
export { SqliteModerationLedger } from './sqlite/moderation/sqlite.moderation-ledger';
export { PostgresModerationLedger } from './postgres/moderation/postgres.moderation-ledger';
export { PostgresModerationStore } from './postgres/moderation/postgres.moderation-store';
export { PostgresCatalog } from './postgres/postgres.catalog';
export { openPostgresCatalog, type PostgresCatalogOptions } from './postgres/open-postgres-catalog';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres/migrations';
export { runPostgresMigrations } from './postgres/run-migrations';
export { PostgresFoiaStore } from './postgres/foia/postgres.foia-store';
export { PostgresBundleStore } from './postgres/foia/postgres.bundle-store';
export { PostgresPeopleStore } from './postgres/people/postgres.people-store';
export { PostgresRetentionStore } from './postgres/retention/postgres.retention-store';
export {
  openPostgresBackendStores,
  type PostgresBackendStores,
  type PostgresBackendStoresOptions,
} from './postgres/open-postgres-backend-stores';
export { SqliteComplianceStore } from './sqlite/compliance/sqlite.compliance-store';
export { PostgresComplianceStore } from './postgres/compliance/postgres.compliance-store';
export { SqliteExportImportStore } from './sqlite/imports/sqlite.export-import-store';
export { PostgresExportImportStore } from './postgres/imports/postgres.export-import-store';
export { snapshotSqliteCatalog } from './snapshot/sqlite.snapshot';
export { dumpPostgresCatalog, restorePostgresCatalog } from './snapshot/postgres.snapshot';
