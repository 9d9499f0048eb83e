import { fromColumnBatch, toColumnBatch, type ColumnBatch, type FieldList } from './column-batch';
import type { SearchDocument } from './ports/search-index.port';

const SEARCH_DOCUMENT_FIELDS = Object.keys({
  id: true,
  accountId: true,
  agencyId: true,
  platform: true,
  kind: true,
  status: true,
  authorName: true,
  text: true,
  priorText: true,
  postedAt: true,
  hasAttachments: true,
  revision: true,
} satisfies FieldList<SearchDocument>) as Array<keyof SearchDocument>;

/** Search documents as a column batch, for sending them to another thread (see column-batch.ts). */
export type SearchDocumentColumns = ColumnBatch<keyof SearchDocument>;

export function searchDocumentsToColumns(documents: readonly SearchDocument[]): SearchDocumentColumns {
  return toColumnBatch(documents, SEARCH_DOCUMENT_FIELDS);
}

export function searchDocumentsFromColumns(columns: SearchDocumentColumns): SearchDocument[] {
  return fromColumnBatch<SearchDocument>(columns, SEARCH_DOCUMENT_FIELDS);
}
