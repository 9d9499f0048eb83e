import { IMPORT_ONLY_CONNECTOR_TYPE, notFound, UseCaseError } from '@verbatim/core';
import type { AccountServices } from './account-services';

/**
 * Queues a sync of the account now (`POST /api/v1/accounts/:id/sync` and the "Sync now" button) and audits it.
 * Returns the job id. Throws UseCaseError `not-found`, `conflict` (retired, import-only, or pending approval where
 * the town requires approval) or `unavailable` (queue down).
 */
export async function startSync(
  { catalog, jobs, requireAccountApproval }: Pick<AccountServices, 'catalog' | 'jobs' | 'requireAccountApproval'>,
  accountId: string,
  actorId: string,
): Promise<string> {
  const account = await catalog.getAccount(accountId);
  if (!account) throw notFound(`account ${accountId}`);
  if (account.status === 'retired')
    throw new UseCaseError(
      'conflict',
      'account_retired',
      'this account is retired; set its status to active or abandoned to sync it',
    );
  if (requireAccountApproval && account.status === 'pending-approval')
    throw new UseCaseError(
      'conflict',
      'account_pending_approval',
      "this account is waiting for the Communications Manager's approval: it is not archived until approved",
    );
  if (account.connector.type === IMPORT_ONLY_CONNECTOR_TYPE)
    throw new UseCaseError(
      'conflict',
      'account_import_only',
      'this account is import-only: there is no platform API to sync; import the platform export instead',
    );
  const jobId = await jobs.enqueueSync(account.id);
  await catalog.appendAudit({ actor: actorId, action: 'account.sync', target: account.id, details: { jobId } });
  return jobId;
}
