import type { Account, AccountPatch, AccountStatus, NewAccount } from '../account.schema';
import type { Agency, NewAgency } from '../agency.schema';

/**
 * The town's agencies and the platform accounts each one runs: what is archived, and for whom. IT registers
 * them; syncs, schedules and bundles read them.
 */
export interface AccountRegistry {
  /** Validates the input and assigns the id and creation time. */
  createAgency(input: NewAgency): Promise<Agency>;
  /** Null when there is no agency with this id. */
  getAgency(id: string): Promise<Agency | null>;
  /** Every agency, alphabetical by name. */
  listAgencies(): Promise<Agency[]>;

  /** Validates the input and assigns the id; throws when its agency does not exist. */
  createAccount(input: NewAccount): Promise<Account>;
  /** Null when there is no account with this id. */
  getAccount(id: string): Promise<Account | null>;
  /** Oldest first; with a filter, only the accounts of that agency and/or in those statuses. */
  listAccounts(filter?: { agencyId?: string; status?: AccountStatus[] }): Promise<Account[]>;
  /** Returns the updated account, or null when there is none with this id; throws for an unknown new agency. */
  updateAccount(id: string, patch: AccountPatch): Promise<Account | null>;
}
