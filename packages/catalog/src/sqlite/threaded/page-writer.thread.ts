/**
 * Entry of the catalog's page-writer thread: its own connection to the catalog file applies sync pages (the
 * ingest hot path) and confirms indexed documents, one request at a time, while the owning thread goes on
 * fetching and storing the next pages. See openSqliteCatalog.
 */
import { workerData } from 'node:worker_threads';
import { serveThreadRequests } from '@verbatim/core';
import { PageApplier } from '../apply-page';
import { openCatalogDatabase, type SqliteCatalogOptions } from '../open-catalog-database';
import { RecordIdIndex } from '../record-id-index';
import { RecordLifecycle } from '../record-lifecycle';
import type { PageWriterRequest } from './page-writer-messages';

serveThreadRequests<PageWriterRequest>(() => {
  const options = workerData as SqliteCatalogOptions;
  const db = openCatalogDatabase(options);
  const pages = new PageApplier(db, new RecordIdIndex(db, options.idMergeThreshold));
  const lifecycle = new RecordLifecycle(db);
  return {
    handle: (request) => (request.op === 'apply'
      ? pages.apply(request.input, request.account)
      : lifecycle.clearIndexBacklog(request.recordIds)),
    close: () => db.close(),
  };
});
