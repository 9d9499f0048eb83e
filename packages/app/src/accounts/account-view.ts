import { z } from 'zod';
import { AccountSchema, findAccountComplianceProblems, type Account, type SyncStateStore } from '@verbatim/core';
import { maskConnectorSecrets } from './connector-secrets';

export const AccountViewSchema = AccountSchema.extend({
  complianceProblems: z.array(z.string()),
  sync: z.object({
    status: z.enum(['never', 'running', 'completed', 'failed']),
    passNumber: z.number(),
    lastCompletedAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** An account as people see it (API and pages alike): secrets masked, with its policy problems and sync state. */
export async function viewAccount(catalog: SyncStateStore, account: Account): Promise<AccountView> {
  const state = await catalog.getSyncState(account.id);
  return {
    ...account,
    connector: maskConnectorSecrets(account.connector),
    complianceProblems: findAccountComplianceProblems(account),
    sync: {
      status: state.status,
      passNumber: state.passNumber,
      lastCompletedAt: state.lastCompletedAt,
      lastError: state.lastError,
    },
  };
}
