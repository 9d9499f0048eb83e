import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { describeExportImportStoreConformance } from './export-import-store.conformance';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('ExportImportStore conformance: %s', (_name, createHarness) => {
  describeExportImportStoreConformance(createHarness);
});
