import { Worker } from 'node:worker_threads';
import type { SearchDocument } from '@verbatim/core';
import { openSearchDatabase } from '../open-search-database';
import { openSqliteSearchIndex, type SearchIndexWriter, type SqliteSearchIndex, type SqliteSearchIndexOptions } from '../sqlite.search-index';
import type { WriterReady, WriterReply, WriterRequest } from './writer-messages';

/**
 * The SQLite search index in its own file, written by a thread of its own. Indexing (text folding, FTS5
 * inserts, the commit) then runs on the second core while the caller goes on, e.g. applying the next page
 * of a sync to the catalog. Searches run on the caller's thread over a read connection whose caches catch
 * up on the writer's commits (the same way they would on another process's).
 */
export async function openThreadedSqliteSearchIndex(file: string, options: Omit<SqliteSearchIndexOptions, 'writer'> = {}): Promise<SqliteSearchIndex> {
  const writer = await WriterThread.start(file);
  const db = openSearchDatabase(file);
  const index = openSqliteSearchIndex(db, { ...options, writer: { ...writer.asWriter(), close: async () => { await writer.stop(); db.close(); } } });
  return index;
}

/** Loads the thread's TypeScript entry the way this process was started: tsx registers the loader. */
const ENTRY_SOURCE = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(require.resolve('./search-writer.thread'))});`;

class WriterThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WriterReply) => this.settle(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the search index writer thread exited (code ${code})`)));
  }

  static async start(file: string): Promise<WriterThread> {
    const worker = new Worker(ENTRY_SOURCE, { eval: true, workerData: { file } });
    await new Promise<void>((resolve, reject) => {
      const onReady = (message: WriterReady) => { if (message.ready) { cleanup(); resolve(); } };
      const onError = (error: Error) => { cleanup(); reject(error); };
      const cleanup = () => { worker.off('message', onReady); worker.off('error', onError); };
      worker.on('message', onReady);
      worker.on('error', onError);
    });
    return new WriterThread(worker);
  }

  asWriter(): Omit<SearchIndexWriter, 'close'> {
    return {
      upsert: (documents: SearchDocument[]) => (documents.length === 0 ? undefined : this.request({ id: 0, op: 'upsert', documents })),
      clear: () => this.request({ id: 0, op: 'clear' }),
    };
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('the search index is closed');
    await this.worker.terminate();
  }

  private request(request: WriterRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(reply: WriterReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve();
    else waiting.reject(new Error(`indexing failed: ${reply.message}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
