/**
 * Entry of the search index's writer thread: it owns the only writing connection to the index file and
 * applies requests in the order they arrive. See openThreadedSqliteSearchIndex.
 */
import { getPriority, setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { searchDocumentsFromColumns, serveThreadRequests } from '@verbatim/core';
import { Dictionary } from '../dictionary';
import { DocumentWriter } from '../document-writer';
import { openSearchDatabase } from '../open-search-database';
import { ensureSearchSchema } from '../schema';
import type { WriterRequest } from './writer-messages';

/**
 * How much lower this thread's priority is than the process's (Linux nice, per thread). During a sync the
 * catalog thread applying pages is the one the others wait for; when every thread is busy, a slightly lower
 * priority here gives it more of the cores (300,000 items: 13.3-14.1 s against 14.2-15.4 s at the same
 * priority). The index still gets every cycle nobody else wants, and a batch it has not indexed yet stays in
 * the catalog's backlog.
 */
const WRITER_NICENESS = 5;

serveThreadRequests<WriterRequest>(() => {
  try {
    setPriority(Math.min(getPriority() + WRITER_NICENESS, 19)); // this thread only, on Linux
  } catch {
    // A platform that refuses it keeps the default priority.
  }
  // A smaller page cache than the reader's: writes touch the newest pages, and the process's memory is shared.
  const db = openSearchDatabase((workerData as { file: string }).file, { cacheMiB: 24 });
  ensureSearchSchema(db);
  const writer = new DocumentWriter(db, new Dictionary(db));
  return {
    handle: (request) =>
      request.op === 'upsert' ? writer.upsert(searchDocumentsFromColumns(request.documents)) : writer.clear(),
    close: () => db.close(),
  };
});
