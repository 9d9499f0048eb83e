import { ApiError, notFound } from '../api-error';
import type { AccountServices } from './account-services';

/**
 * Queues a sync of the account now (`POST /api/v1/accounts/:id/sync` and the "Sync now" button) and audits it.
 * Returns the job id. Throws ApiError 404 (no account), 409 (retired) or 503 (queue down).
 */
export async function startSync({ catalog, jobs }: AccountServices, accountId: string, actorId: string): Promise<string> {
  const account = await catalog.getAccount(accountId);
  if (!account) throw notFound(`account ${accountId}`);
  if (account.status === 'retired') throw new ApiError(409, 'account_retired', 'this account is retired; set its status to active or abandoned to sync it');
  const jobId = await jobs.enqueueSync(account.id);
  await catalog.appendAudit({ actor: actorId, action: 'account.sync', target: account.id, details: { jobId } });
  return jobId;
}
