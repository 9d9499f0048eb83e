import type { ApplyPageInput, IndexedRevision } from '@verbatim/core';
import type { AccountContext } from '../new-records';

/** What the catalog asks its page-writer thread to do (see openThreadedSqliteCatalog). */
export type PageWriterRequest =
  | { op: 'apply'; input: ApplyPageInput; account: AccountContext }
  | { op: 'clearIndexBacklog'; indexed: IndexedRevision[] };
