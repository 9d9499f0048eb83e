import { describeSubjectNoticesConformance } from './subject-notices.conformance';
import { postgresStoresHarness, sqliteStoresHarness } from './conformance/store-harnesses';
import { TestDatabase } from './postgres/postgres-test-database';

const database = new TestDatabase();
afterAll(() => database.close());

describe.each([
  ['sqlite', sqliteStoresHarness],
  ['postgres', postgresStoresHarness(database)],
])('subject notices conformance (grants, corrupt objects): %s', (_name, createHarness) => {
  describeSubjectNoticesConformance(createHarness);
});
