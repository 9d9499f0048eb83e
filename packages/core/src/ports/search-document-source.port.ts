import type { SearchDocument } from './search-index.port';

/** The catalog as the source the search index is derived from: for rebuilding it, and for checking it. */
export interface SearchDocumentSource {
  /**
   * Every record's document in creation order, for rebuilding the index: pass the last id seen (null at first).
   * Records created meanwhile come after the cursor, so a rebuild never skips one.
   */
  listSearchDocuments(afterId: string | null, limit: number): Promise<SearchDocument[]>;
  /** Up to `size` distinct documents of records picked at random (fewer when records are few), for the drift check. */
  sampleSearchDocuments(size: number): Promise<SearchDocument[]>;
}
