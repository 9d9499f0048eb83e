import {
  assessAccountCompliance,
  assessAccountHealth,
  currentPeople,
  type Account,
  type AccountRegistry,
  type CurrentPolicy,
  type SyncStateStore,
} from '@verbatim/core';
import type { ComplianceStore, PolicyDocument } from '@verbatim/foia';
import { z } from 'zod';
import { townDate } from '../foia/request-log-csv';

/** One account's computed compliance, as `GET /api/v1/compliance` lists it. */
export const AccountComplianceSchema = z.object({
  accountId: z.string(),
  compliant: z.boolean(),
  reasons: z.array(z.string()).describe('what is missing, in plain words; empty when compliant'),
  agencyId: z.string(),
  agency: z.string(),
  platform: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  status: z.string(),
  administrators: z.number().describe('current administrators (started, not stopped)'),
  moderators: z.number().describe('current moderators'),
});
export type AccountCompliance = z.infer<typeof AccountComplianceSchema>;

export interface ComplianceSources {
  catalog: AccountRegistry & SyncStateStore;
  complianceStore: Pick<ComplianceStore, 'listPolicyDocuments' | 'listReceipts'>;
  timeZone: string;
}

/** The latest version of each document that requires a receipt, as people name it. */
export function currentPolicies(documents: readonly PolicyDocument[]): CurrentPolicy[] {
  return documents
    .filter((document) => document.requiresReceipt && document.versions.length > 0)
    .map((document) => {
      const latest = document.versions[document.versions.length - 1];
      return { versionId: latest.id, label: `${document.title}, version ${latest.version}` };
    });
}

/**
 * Every account's compliance (or those of one agency or one account), computed now from the registry, the
 * policies and receipts on record, and each account's archiving health. Oldest registered account first.
 */
export async function assessCompliance(
  { catalog, complianceStore, timeZone }: ComplianceSources,
  filter: { agencyId?: string; accountId?: string } = {},
  now = new Date(),
): Promise<AccountCompliance[]> {
  const [all, agencies, documents, receipts] = await Promise.all([
    catalog.listAccounts(filter.agencyId ? { agencyId: filter.agencyId } : {}),
    catalog.listAgencies(),
    complianceStore.listPolicyDocuments(),
    complianceStore.listReceipts(),
  ]);
  const accounts = filter.accountId ? all.filter((account) => account.id === filter.accountId) : all;
  const agencyNames = new Map(agencies.map((agency) => [agency.id, agency.name]));
  const policies = currentPolicies(documents);
  const received = new Set(receipts.map((receipt) => `${receipt.versionId}|${receipt.personEmail}`));
  const today = townDate(now.toISOString(), timeZone);
  const assessed: AccountCompliance[] = [];
  for (const account of accounts) {
    const health = assessAccountHealth(account, await catalog.getSyncState(account.id), now);
    const { compliant, reasons } = assessAccountCompliance({
      account,
      health,
      currentPolicies: policies,
      hasReceipt: (versionId, email) => received.has(`${versionId}|${email.toLowerCase()}`),
      today,
    });
    assessed.push(describe(account, agencyNames.get(account.agencyId) ?? account.agencyId, compliant, reasons, today));
  }
  return assessed;
}

function describe(
  account: Account,
  agency: string,
  compliant: boolean,
  reasons: string[],
  today: string,
): AccountCompliance {
  return {
    accountId: account.id,
    compliant,
    reasons,
    agencyId: account.agencyId,
    agency,
    platform: account.platform,
    handle: account.handle,
    ...(account.displayName ? { displayName: account.displayName } : {}),
    status: account.status,
    administrators: currentPeople(account.administrators, today).length,
    moderators: currentPeople(account.moderators, today).length,
  };
}
