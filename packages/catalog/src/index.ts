export { SqliteCatalog } from './sqlite/sqlite.catalog';
export { openSqliteCatalog, type OpenedSqliteCatalog, type SqliteCatalogOptions } from './sqlite/open-sqlite-catalog';
export { MIGRATIONS, runMigrations, type Migration } from './sqlite/migrations';
export { UnknownReferenceError, StalePassError } from './errors';
export { SqliteFoiaStore } from './sqlite/foia/sqlite.foia-store';
export { SqliteBundleStore } from './sqlite/foia/sqlite.bundle-store';
export { SqlitePeopleStore } from './sqlite/sqlite.people-store';
