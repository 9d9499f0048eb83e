import type { SearchDocumentColumns } from '@verbatim/core';

/**
 * What the owning thread asks the search index's writer thread to do. Documents cross as columns (see
 * column-batch.ts in core), several times cheaper to copy than as objects.
 */
export type WriterRequest = { op: 'upsert'; documents: SearchDocumentColumns } | { op: 'clear' };
