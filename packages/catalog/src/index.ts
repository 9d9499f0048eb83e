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
export { PostgresCatalog } from './postgres/postgres.catalog';
export { openPostgresCatalog, type PostgresCatalogOptions } from './postgres/open-postgres-catalog';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './postgres/migrations';
export { runPostgresMigrations } from './postgres/run-migrations';
export { PostgresFoiaStore } from './postgres/foia/postgres.foia-store';
export { PostgresBundleStore } from './postgres/foia/postgres.bundle-store';
export { PostgresPeopleStore } from './postgres/people/postgres.people-store';
export {
  openPostgresBackendStores,
  type PostgresBackendStores,
  type PostgresBackendStoresOptions,
} from './postgres/open-postgres-backend-stores';
export { SqliteExportImportStore } from './sqlite/imports/sqlite.export-import-store';
export { PostgresExportImportStore } from './postgres/imports/postgres.export-import-store';
