import type { ApplyPageInput, IndexedRevision, PageApplied, SearchDocumentColumns } from '@verbatim/core';
import type { AccountContext } from '../new-records';
import type { ItemColumns } from './item-columns';

/**
 * What the catalog asks its page-writer thread to do (see openThreadedSqliteCatalog). A page's items and the
 * documents it changed cross as columns (see column-batch.ts in core), several times cheaper to copy.
 */
export type PageWriterRequest =
  | { op: 'apply'; input: Omit<ApplyPageInput, 'items'>; items: ItemColumns; account: AccountContext }
  | { op: 'clearIndexBacklog'; indexed: IndexedRevision[] };

/** The thread's answer to `apply`. */
export type PageAppliedReply = Omit<PageApplied, 'changed'> & { changed: SearchDocumentColumns };
