import { describeModerationStoreConformance } from './moderation-store.conformance';
import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('ModerationStore conformance: %s', (_name, createHarness) => {
  describeModerationStoreConformance(createHarness);
});
