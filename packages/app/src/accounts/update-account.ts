import { AccountPatchSchema, notFound, parseInput, type Account } from '@verbatim/core';
import { checkAgency, checkConnector } from './account-checks';
import type { AccountServices } from './account-services';
import { keepStoredSecrets } from './connector-secrets';

export interface UpdateAccountOptions {
  /** Edit forms never hold stored secrets, so a secret setting left blank there keeps the stored value. */
  blankSecretsKeepStored?: boolean;
}

/**
 * Changes an account (`PATCH /api/v1/accounts/:id` and the account's settings form), audits the change and
 * reschedules its syncs. Throws UseCaseError `not-found` or `invalid` (fields).
 */
export async function updateAccount(
  { catalog, jobs }: AccountServices,
  id: string,
  input: unknown,
  actorId: string,
  options: UpdateAccountOptions = {},
): Promise<Account> {
  const stored = await catalog.getAccount(id);
  if (!stored) throw notFound(`account ${id}`);
  const patch = parseInput(AccountPatchSchema, input);
  if (patch.connector && options.blankSecretsKeepStored)
    patch.connector = keepStoredSecrets(patch.connector, stored.connector);
  if (patch.connector) checkConnector(patch.connector);
  if (patch.agencyId) await checkAgency(catalog, patch.agencyId);
  const account = (await catalog.updateAccount(id, patch))!;
  await catalog.appendAudit({
    actor: actorId,
    action: 'account.update',
    target: account.id,
    details: { fields: Object.keys(patch) },
  });
  await jobs.schedule(account);
  return account;
}
