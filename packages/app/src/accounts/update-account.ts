import { AccountPatchSchema, notFound, parseInput, UseCaseError, type Account } from '@verbatim/core';
import { diffAccountPeople } from '../compliance/people-changes';
import { checkAgency, checkConnector } from './account-checks';
import type { AccountServices } from './account-services';
import { configurationChange } from '../audit/configuration-change';
import { keepStoredSecrets, maskConnectorSecrets } from './connector-secrets';

export interface UpdateAccountOptions {
  /** Edit forms never hold stored secrets, so a secret setting left blank there keeps the stored value. */
  blankSecretsKeepStored?: boolean;
}

/**
 * Changes an account (`PATCH /api/v1/accounts/:id` and the account's settings form), audits the change, keeps
 * each change of administrators and moderators in the people history and reschedules its syncs. Where the town
 * requires approval, a pending account leaves `pending-approval` only by the Communications Manager's approval
 * (approveAccount). Throws UseCaseError `not-found`, `invalid` (fields) or `forbidden` (approval).
 */
export async function updateAccount(
  { catalog, jobs, compliance, requireAccountApproval }: AccountServices,
  id: string,
  input: unknown,
  actorId: string,
  options: UpdateAccountOptions = {},
): Promise<Account> {
  const stored = await catalog.getAccount(id);
  if (!stored) throw notFound(`account ${id}`);
  const patch = parseInput(AccountPatchSchema, input);
  if (requireAccountApproval && patch.status && patch.status !== stored.status) {
    if (stored.status === 'pending-approval' || patch.status === 'pending-approval')
      throw new UseCaseError(
        'forbidden',
        'approval_required',
        "only the Communications Manager approves a new account (POST /api/v1/accounts/:id/approval, or Approve on the account's page)",
        [{ path: 'status', message: "approval is the Communications Manager's" }],
      );
  }
  if (patch.connector && options.blankSecretsKeepStored)
    patch.connector = keepStoredSecrets(patch.connector, stored.connector);
  if (patch.connector) checkConnector(patch.connector);
  if (patch.agencyId) await checkAgency(catalog, patch.agencyId);
  const account = (await catalog.updateAccount(id, patch))!;
  await catalog.appendAudit({
    actor: actorId,
    action: 'account.update',
    target: account.id,
    details: configurationChange(
      { ...stored, connector: maskConnectorSecrets(stored.connector) },
      { ...account, connector: maskConnectorSecrets(account.connector) },
      Object.keys(patch),
    ),
  });
  await compliance.appendPeopleChanges(
    diffAccountPeople(stored, account, { accountId: account.id, changedBy: actorId, changedAt: account.updatedAt }),
  );
  await jobs.schedule(account);
  return account;
}
