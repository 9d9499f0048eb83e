/**
 * Entry of the catalog's page-writer thread: its own connection to the catalog file applies sync pages (the
 * ingest hot path) and confirms indexed documents, one request at a time, while the owning thread goes on
 * fetching and storing the next pages. See openThreadedSqliteCatalog.
 */
import { workerData } from 'node:worker_threads';
import { serveThreadRequests } from '@verbatim/core';
import { openCatalogDatabase, type SqliteCatalogOptions } from '../open-catalog-database';
import { connectionPageWriter } from '../page-writer';
import type { PageWriterRequest } from './page-writer-messages';

serveThreadRequests<PageWriterRequest>(() => {
  const options = workerData as SqliteCatalogOptions;
  const db = openCatalogDatabase(options);
  const writer = connectionPageWriter(db, options.idMergeThreshold);
  return {
    handle: (request) => (request.op === 'apply'
      ? writer.apply(request.input, request.account)
      : writer.clearIndexBacklog(request.indexed)),
    close: () => db.close(),
  };
});
