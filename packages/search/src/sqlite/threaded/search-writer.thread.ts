/**
 * Entry of the search index's writer thread: it owns the only writing connection to the index file and
 * applies requests in the order they arrive. See openThreadedSqliteSearchIndex.
 */
import { workerData } from 'node:worker_threads';
import { searchDocumentsFromColumns, serveThreadRequests } from '@verbatim/core';
import { Dictionary } from '../dictionary';
import { DocumentWriter } from '../document-writer';
import { openSearchDatabase } from '../open-search-database';
import { ensureSearchSchema } from '../schema';
import type { WriterRequest } from './writer-messages';

serveThreadRequests<WriterRequest>(() => {
  // A smaller page cache than the reader's: writes touch the newest pages, and the process's memory is shared.
  const db = openSearchDatabase((workerData as { file: string }).file, { cacheMiB: 24 });
  ensureSearchSchema(db);
  const writer = new DocumentWriter(db, new Dictionary(db));
  return {
    handle: (request) => (request.op === 'upsert' ? writer.upsert(searchDocumentsFromColumns(request.documents)) : writer.clear()),
    close: () => db.close(),
  };
});
