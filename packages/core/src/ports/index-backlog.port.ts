import type { IndexedRevision, SearchDocument } from './search-index.port';

/**
 * Records whose search-index entry is out of date. A sync queues them in the same transaction as the change, so
 * a crash between the catalog and the index loses nothing: whatever is still queued is indexed on the next flush.
 */
export interface IndexBacklog {
  /** Documents whose index entry is out of date (changed but not yet confirmed indexed), oldest first. */
  listIndexBacklog(limit: number): Promise<SearchDocument[]>;
  /**
   * Confirms documents were indexed. A record changed since the document was read (its revision moved on) stays
   * queued, so the newer state is indexed too; ids not queued are ignored.
   */
  clearIndexBacklog(indexed: IndexedRevision[]): Promise<void>;
}
