import type { SearchDocument } from '@verbatim/core';

/** What the owning thread asks the search index's writer thread to do. */
export type WriterRequest =
  | { op: 'upsert'; documents: SearchDocument[] }
  | { op: 'clear' };
