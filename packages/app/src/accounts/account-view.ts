import { z } from 'zod';
import {
  AccountSchema,
  assessAccountHealth,
  findAccountComplianceProblems,
  nextScheduledSync,
  type Account,
  type SyncStateStore,
} from '@verbatim/core';
import { maskConnectorSecrets } from './connector-secrets';

export const AccountHealthSchema = z.object({
  state: z.enum(['healthy', 'failing', 'stale']),
  problem: z.string().nullable().describe('the problem in plain words; null when healthy'),
  advice: z.string().nullable().describe('what to do about it; null when healthy'),
  error: z.string().nullable().describe("the failed pass's error as recorded; null unless failing"),
  lastSuccessAt: z.string().nullable(),
});

export const AccountViewSchema = AccountSchema.extend({
  complianceProblems: z.array(z.string()),
  sync: z.object({
    status: z.enum(['never', 'running', 'completed', 'failed']),
    passNumber: z.number(),
    lastCompletedAt: z.string().nullable(),
    lastError: z.string().nullable(),
    startedAt: z.string().nullable().describe('when the current or last pass began'),
    completedAt: z.string().nullable().describe('when the current or last pass ended, completed or failed'),
    pagesFetched: z.number().describe('pages of the current or last pass'),
    itemsSeen: z.number().describe('posts and comments the current or last pass listed'),
  }),
  health: AccountHealthSchema.nullable().describe('null for accounts off the schedule (pending approval, retired)'),
  nextSync: z
    .object({ at: z.string(), due: z.boolean().describe('the time has come: the sync is queued') })
    .nullable()
    .describe('when the scheduler syncs it next; null off the schedule'),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/**
 * An account as people see it (API and pages alike): secrets masked, with its policy problems, sync state,
 * health (see assessAccountHealth) and next scheduled sync as of `now`.
 */
export async function viewAccount(catalog: SyncStateStore, account: Account, now = new Date()): Promise<AccountView> {
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
      startedAt: state.startedAt,
      completedAt: state.completedAt,
      pagesFetched: state.pagesFetched,
      itemsSeen: state.itemsSeen,
    },
    health: assessAccountHealth(account, state, now),
    nextSync: nextScheduledSync(account, state, now),
  };
}
