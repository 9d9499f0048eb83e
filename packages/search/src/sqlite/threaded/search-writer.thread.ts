/**
 * Entry of the search index's writer thread: it owns the only writing connection to the index file and
 * applies requests in the order they arrive. See ThreadedSqliteSearchIndex.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Dictionary } from '../dictionary';
import { DocumentWriter } from '../document-writer';
import { openSearchDatabase } from '../open-search-database';
import { ensureSearchSchema } from '../schema';
import type { WriterReady, WriterReply, WriterRequest } from './writer-messages';

const port = parentPort!;
// A smaller page cache than the reader's: writes touch the newest pages, and the process's memory is shared.
const db = openSearchDatabase((workerData as { file: string }).file, { cacheMiB: 24 });
ensureSearchSchema(db);
const writer = new DocumentWriter(db, new Dictionary(db));

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    if (request.op === 'upsert') writer.upsert(request.documents);
    else writer.clear();
    reply = { id: request.id, ok: true };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.on('close', () => db.close());
port.postMessage({ ready: true } satisfies WriterReady);
