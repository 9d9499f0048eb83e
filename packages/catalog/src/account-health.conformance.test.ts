import { describeAccountHealthConformance } from './account-health.conformance';
import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('AccountHealthStore conformance: %s', (_name, createHarness) => {
  describeAccountHealthConformance(createHarness);
});
