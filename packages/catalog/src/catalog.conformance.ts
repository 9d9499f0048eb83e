import { describeAccountCases } from './conformance/accounts.cases';
import { describeAuditChainCases } from './conformance/audit-chain.cases';
import { describeCaptureChainCases } from './conformance/capture-chain.cases';
import type { CatalogHarness, CatalogHarnessFactory } from './conformance/fixtures';
import { describeIngestCases } from './conformance/ingest.cases';
import { describeLifecycleCases } from './conformance/lifecycle.cases';
import { describeReadCases } from './conformance/reads.cases';
import { describeSyncCases } from './conformance/sync.cases';
import { describeSyncRunCases } from './conformance/sync-runs.cases';
import { describeTotalsCases } from './conformance/totals.cases';
import { describeTokenLifecycleCases } from './conformance/token-lifecycle.cases';

export type { CatalogHarness, CatalogHarnessFactory } from './conformance/fixtures';

/**
 * The Catalog contract, as jest cases: every adapter (SQLite, PostgreSQL) runs this same suite, inside a
 * `describe.each` over harness factories. Each case gets a fresh, empty catalog from the factory.
 */
export function describeCatalogConformance(createHarness: CatalogHarnessFactory): void {
  let harness: CatalogHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(async () => {
    await harness.close();
  });
  const current = (): CatalogHarness => harness;

  describe('agencies, accounts, tokens, audit', () => describeAccountCases(current));
  describe('the audit chain', () => describeAuditChainCases(current));
  describe('token expiry, list and revocation', () => describeTokenLifecycleCases(current));
  describe('sync state', () => describeSyncCases(current));
  describe('sync runs', () => describeSyncRunCases(current));
  describe('applying pages', () => describeIngestCases(current));
  describe('unseen, gone and restored records', () => describeLifecycleCases(current));
  describe('reads and the index backlog', () => describeReadCases(current));
  describe('dashboard totals', () => describeTotalsCases(current));
  describe('the capture chain', () => describeCaptureChainCases(current));
}
