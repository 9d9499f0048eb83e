/**
 * Entry of the catalog's page-writer thread: its own connection to the catalog file applies sync pages (the
 * ingest hot path) and confirms indexed documents, one request at a time, while the owning thread goes on
 * fetching and storing the next pages. See openThreadedSqliteCatalog.
 */
import { workerData } from 'node:worker_threads';
import { searchDocumentsToColumns, serveThreadRequests } from '@verbatim/core';
import { openCatalogDatabase, type SqliteCatalogOptions } from '../open-catalog-database';
import { connectionPageWriter } from '../page-writer';
import { itemsFromColumns } from './item-columns';
import type { PageAppliedReply, PageWriterRequest } from './page-writer-messages';

serveThreadRequests<PageWriterRequest>(() => {
  const options = workerData as SqliteCatalogOptions;
  const db = openCatalogDatabase(options);
  const writer = connectionPageWriter(db, options.idMergeThreshold);
  return {
    handle: (request): PageAppliedReply | void => {
      if (request.op === 'clearIndexBacklog') return writer.clearIndexBacklog(request.indexed);
      const applied = writer.apply({ ...request.input, items: itemsFromColumns(request.items) }, request.account);
      return { ...applied, changed: searchDocumentsToColumns(applied.changed) };
    },
    close: () => db.close(),
  };
});
