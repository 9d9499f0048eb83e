import { NewAccountSchema, parseInput, UseCaseError, type Account } from '@verbatim/core';
import { checkAgency, checkConnector } from './account-checks';
import type { AccountServices } from './account-services';

/**
 * Registers an account (`POST /api/v1/accounts` and the register form): validates the fields and the connector
 * settings, refuses a platform handle already registered, audits, and puts the account on its sync schedule.
 * Throws UseCaseError `invalid` (fields) or `conflict` (duplicate).
 */
export async function registerAccount(
  { catalog, jobs }: AccountServices,
  input: unknown,
  actorId: string,
): Promise<Account> {
  const fields = parseInput(NewAccountSchema, input);
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
  await jobs.schedule(account);
  return account;
}
