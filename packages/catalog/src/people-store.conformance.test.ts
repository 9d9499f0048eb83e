import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { describePeopleStoreConformance } from './people-store.conformance';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('PeopleStore conformance: %s', (_name, createHarness) => {
  describePeopleStoreConformance(createHarness);
});
