import { describeModerationLedgerConformance } from './moderation-ledger.conformance';
import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('ModerationLedgerStore conformance: %s', (_name, createHarness) => {
  describeModerationLedgerConformance(createHarness);
});
