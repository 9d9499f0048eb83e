import type { AccountRegistry, RecordReader, SearchDocumentSource, SearchIndex } from '@verbatim/core';

export interface AccountDrift {
  accountId: string;
  catalog: number;
  index: number;
}

export interface DriftReport {
  checkedAt: string;
  /** True when every account's counts agree and every sampled document is in the index as the catalog has it. */
  ok: boolean;
  totals: { catalog: number; index: number };
  /** Accounts whose record count in the catalog differs from their document count in the index. */
  accounts: AccountDrift[];
  sample: {
    /** False when the index cannot read back what it holds (see SearchIndex.verify). */
    compared: boolean;
    checked: number;
    missing: string[];
    different: string[];
  };
}

/**
 * Compares the search index with the catalog it is derived from: the count per account, and a random sample
 * of documents checked field by field. Changes nothing; `reindex` repairs what it finds.
 */
export async function checkSearchDrift(
  deps: { catalog: AccountRegistry & RecordReader & SearchDocumentSource; searchIndex: SearchIndex },
  options: { sampleSize?: number } = {},
): Promise<DriftReport> {
  const { catalog, searchIndex } = deps;
  const accounts: AccountDrift[] = [];
  for (const account of await catalog.listAccounts()) {
    const [inCatalog, inIndex] = await Promise.all([
      catalog.countRecords({ accountId: account.id }),
      searchIndex.search({ filters: { accountId: [account.id] }, limit: 1 }).then((result) => result.total),
    ]);
    if (inCatalog !== inIndex) accounts.push({ accountId: account.id, catalog: inCatalog, index: inIndex });
  }
  const sample = await catalog.sampleSearchDocuments(options.sampleSize ?? 200);
  const verdicts = searchIndex.verify ? await searchIndex.verify(sample) : null;
  const totals = { catalog: await catalog.countRecords(), index: await searchIndex.count() };
  const missing = verdicts?.filter((verdict) => verdict.state === 'missing').map((verdict) => verdict.id) ?? [];
  const different = verdicts?.filter((verdict) => verdict.state === 'different').map((verdict) => verdict.id) ?? [];
  return {
    checkedAt: new Date().toISOString(),
    ok: accounts.length === 0 && totals.catalog === totals.index && missing.length === 0 && different.length === 0,
    totals,
    accounts,
    sample: { compared: verdicts !== null, checked: verdicts ? sample.length : 0, missing, different },
  };
}
