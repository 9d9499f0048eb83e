import type Database from 'better-sqlite3';
import type { ApplyPageInput, IndexedRevision, PageApplied } from '@verbatim/core';
import { PageApplier } from './apply-page';
import type { AccountContext } from './new-records';
import { RecordIdIndex } from './record-id-index';
import { RecordLifecycle } from './record-lifecycle';

/** Where sync pages are applied and indexed documents confirmed: a connection here, or a thread of its own. */
export interface PageWriter {
  apply(input: ApplyPageInput, account: AccountContext): PageApplied | Promise<PageApplied>;
  clearIndexBacklog(indexed: IndexedRevision[]): void | Promise<void>;
  close(): void | Promise<void>;
}

/** A page writer working on a connection of this thread: it answers at once. */
export interface ConnectionPageWriter extends PageWriter {
  apply(input: ApplyPageInput, account: AccountContext): PageApplied;
  clearIndexBacklog(indexed: IndexedRevision[]): void;
}

/** The page writer on `db` itself: what SqliteCatalog uses by default, and what its page-writer thread runs. */
export function connectionPageWriter(db: Database.Database, idMergeThreshold?: number): ConnectionPageWriter {
  const pages = new PageApplier(db, new RecordIdIndex(db, idMergeThreshold));
  const lifecycle = new RecordLifecycle(db);
  return {
    apply: (input, account) => pages.apply(input, account),
    clearIndexBacklog: (indexed) => lifecycle.clearIndexBacklog(indexed),
    close: () => undefined,
  };
}
