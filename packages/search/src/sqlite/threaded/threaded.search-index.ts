import { ThreadRequests, searchDocumentsToColumns, type SearchDocument } from '@verbatim/core';
import { openSearchDatabase } from '../open-search-database';
import {
  openSqliteSearchIndex,
  type SearchIndexWriter,
  type SqliteSearchIndex,
  type SqliteSearchIndexOptions,
} from '../sqlite.search-index';
import type { WriterRequest } from './writer-messages';

/**
 * The SQLite search index in its own file, written by a thread of its own. Indexing (text folding, FTS5
 * inserts, the commit) then runs on the second core while the caller goes on, e.g. applying the next page
 * of a sync to the catalog. Searches run on the caller's thread over a read connection whose caches catch
 * up on the writer's commits (the same way they would on another process's).
 */
export async function openThreadedSqliteSearchIndex(
  file: string,
  options: Omit<SqliteSearchIndexOptions, 'writer'> = {},
): Promise<SqliteSearchIndex> {
  const thread = await ThreadRequests.start<WriterRequest>(
    require.resolve('./search-writer.thread'),
    { file },
    'search index writer',
  );
  const db = openSearchDatabase(file);
  const writer: SearchIndexWriter = {
    upsert: (documents: SearchDocument[]) =>
      documents.length === 0
        ? undefined
        : thread.request<void>({ op: 'upsert', documents: searchDocumentsToColumns(documents) }),
    clear: () => thread.request<void>({ op: 'clear' }),
    close: async () => {
      await thread.stop();
      db.close();
    },
  };
  return openSqliteSearchIndex(db, { ...options, writer });
}
