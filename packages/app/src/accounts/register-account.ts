import { NewAccountSchema, parseInput, UseCaseError, type Account } from '@verbatim/core';
import { checkAgency, checkConnector } from './account-checks';
import { diffAccountPeople } from '../compliance/people-changes';
import type { AccountServices } from './account-services';

/**
 * Registers an account (`POST /api/v1/accounts` and the register form): validates the fields and the connector
 * settings, refuses a platform handle already registered, audits, records its administrators and moderators in
 * the people history, and puts the account on its sync schedule. Where the town requires approval
 * (REQUIRE_ACCOUNT_APPROVAL) the account starts `pending-approval`, whatever status was asked for. Throws UseCaseError `invalid` (fields) or `conflict` (duplicate).
 */
export async function registerAccount(
  { catalog, jobs, compliance, requireAccountApproval }: AccountServices,
  input: unknown,
  actorId: string,
): Promise<Account> {
  const fields = parseInput(NewAccountSchema, input);
  if (requireAccountApproval) fields.status = 'pending-approval';
  checkConnector(fields.connector);
  await checkAgency(catalog, fields.agencyId);
  const existing = await catalog.listAccounts();
  const duplicate = existing.find(
    (account) => account.platform === fields.platform && account.handle.toLowerCase() === fields.handle.toLowerCase(),
  );
  if (duplicate) {
    throw new UseCaseError(
      'conflict',
      'conflict',
      `${fields.platform} account ${fields.handle} is already registered as ${duplicate.id}`,
      [{ path: 'handle', message: `already registered as ${duplicate.id}` }],
    );
  }
  const account = await catalog.createAccount(fields);
  await catalog.appendAudit({ actor: actorId, action: 'account.create', target: account.id });
  await compliance.appendPeopleChanges(
    diffAccountPeople({ administrators: [], moderators: [] }, account, {
      accountId: account.id,
      changedBy: actorId,
      changedAt: account.createdAt,
    }),
  );
  await jobs.schedule(account);
  return account;
}
