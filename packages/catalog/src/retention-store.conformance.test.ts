import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { describeRetentionStoreConformance } from './retention-store.conformance';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('RetentionStore conformance: %s', (_name, createHarness) => {
  describeRetentionStoreConformance(createHarness);
});
