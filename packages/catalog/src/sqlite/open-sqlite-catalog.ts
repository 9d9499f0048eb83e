import type Database from 'better-sqlite3';
import {
  ThreadRequests,
  searchDocumentsFromColumns,
  type ApplyPageInput,
  type IndexedRevision,
  type PageApplied,
} from '@verbatim/core';
import type { AccountContext } from './new-records';
import { openCatalogDatabase, type SqliteCatalogOptions } from './open-catalog-database';
import type { PageWriter } from './page-writer';
import { SqliteCatalog } from './sqlite.catalog';
import { itemsToColumns } from './threaded/item-columns';
import type { PageAppliedReply, PageWriterRequest } from './threaded/page-writer-messages';

export type { SqliteCatalogOptions } from './open-catalog-database';

export interface OpenedSqliteCatalog {
  catalog: SqliteCatalog;
  /** The raw handle, shared with the FOIA, bundle and people stores (their tables are in the same file). */
  db: Database.Database;
}

/** Opens (creating if needed) and migrates a catalog file; every write runs on this thread's connection. */
export function openSqliteCatalog(options: SqliteCatalogOptions): OpenedSqliteCatalog {
  const db = openCatalogDatabase(options);
  return { catalog: new SqliteCatalog(db, { idMergeThreshold: options.idMergeThreshold }), db };
}

/**
 * As openSqliteCatalog, but sync pages are applied (and indexed documents confirmed) by a thread of its own,
 * with its own connection to the file: the ingest hot path then runs on the second core while this thread
 * fetches, stores and indexes. Everything else runs on this thread's connection. What `applyPage` commits is
 * visible here as soon as it resolves (WAL: a read sees every commit made before it began).
 */
export async function openThreadedSqliteCatalog(options: SqliteCatalogOptions): Promise<OpenedSqliteCatalog> {
  const db = openCatalogDatabase(options);
  try {
    // Half the page cache: the thread writes near the ends of the tables and indexes, and the memory is shared.
    const threadOptions = { ...options, cacheMiB: Math.ceil((options.cacheMiB ?? 64) / 2) };
    const thread = await ThreadRequests.start<PageWriterRequest>(
      require.resolve('./threaded/page-writer.thread'),
      threadOptions,
      'catalog page writer',
    );
    const pageWriter: PageWriter = {
      apply: async (input: ApplyPageInput, account: AccountContext): Promise<PageApplied> => {
        const { items, ...rest } = input;
        const reply = await thread.request<PageAppliedReply>({
          op: 'apply',
          input: rest,
          items: itemsToColumns(items),
          account,
        });
        return { ...reply, changed: searchDocumentsFromColumns(reply.changed) };
      },
      clearIndexBacklog: (indexed: IndexedRevision[]) => thread.request<void>({ op: 'clearIndexBacklog', indexed }),
      close: () => thread.stop(),
    };
    return { catalog: new SqliteCatalog(db, { idMergeThreshold: options.idMergeThreshold, pageWriter }), db };
  } catch (error) {
    db.close();
    throw error;
  }
}
