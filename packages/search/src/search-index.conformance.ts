import { describeLifecycle } from './conformance/lifecycle.conformance';
import { describeQueryLanguage } from './conformance/query.conformance';
import { describeResults } from './conformance/results.conformance';
import { describePolicyFlags } from './conformance/policy-flags.conformance';
import type { SearchIndexFactory } from './conformance/harness';

export type { SearchIndexFactory, SearchIndexUnderTest } from './conformance/harness';
export { FIXTURE_DOCUMENTS } from './conformance/fixture';

/**
 * The contract every SearchIndex adapter must meet, as jest tests over a fixture corpus. Call it inside a
 * describe per adapter, e.g. `describe.each(factories)('$name', (factory) => runSearchIndexConformance(factory))`.
 * Each factory call must return a new, empty index.
 */
export function runSearchIndexConformance(factory: SearchIndexFactory): void {
  describeQueryLanguage(factory);
  describeResults(factory);
  describeLifecycle(factory);
  describePolicyFlags(factory);
}
