import type { Account, Catalog } from '@verbatim/core';

/** Names people know agencies and accounts by, for filters and results (ids mean nothing to a reader). */
export interface SearchNames {
  agencies: Map<string, string>;
  accounts: Map<string, string>;
  /** Platforms of registered accounts, so the platform filter offers them before any search. */
  platforms: string[];
}

export function accountLabel(account: Account): string {
  return `${account.displayName ?? `@${account.handle}`} on ${account.platform}`;
}

export async function loadSearchNames(catalog: Catalog): Promise<SearchNames> {
  const [agencies, accounts] = await Promise.all([catalog.listAgencies(), catalog.listAccounts()]);
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1]);
  return {
    agencies: new Map(agencies.map((agency): [string, string] => [agency.id, agency.name]).sort(byName)),
    accounts: new Map(accounts.map((account): [string, string] => [account.id, accountLabel(account)]).sort(byName)),
    platforms: [...new Set(accounts.map((account) => account.platform))].sort(),
  };
}
