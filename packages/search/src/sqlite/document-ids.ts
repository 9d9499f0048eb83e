import type { Database, Statement } from 'better-sqlite3';
import { META } from './schema';

/** Tail length that triggers a merge into search_ids; see DocumentIds. */
export const DEFAULT_ID_MERGE_THRESHOLD = 65_536;

/**
 * Finds a document's key by its id, for the writer. Document ids are hashes, so a B-tree on them is written at
 * random places: with a thousand new documents per batch nearly every insert dirtied a page of its own, which
 * made a UNIQUE index on search_documents.id two thirds of the indexing cost (measured: 66k documents/s with
 * it, 190k/s without). So ids are kept as the catalog keeps record ids (see its record-id-index.ts):
 *
 * - `search_ids_tail`: ids of recent documents in key order (appends touch a few pages), mirrored in memory;
 * - `search_ids`: everything older, a WITHOUT ROWID B-tree on id, merged into in sorted batches once the tail
 *   holds `mergeThreshold` ids, so each of its pages is written once per merge rather than once per document.
 *
 * Other processes may write the same file, so the mirror catches up at the start of every write transaction:
 * rows appended since it last looked, or all of it again after a merge (`ids_merged` in search_meta counts them).
 */
export class DocumentIds {
  private readonly tail = new Map<string, number>();
  private tailUpTo = 0;
  private mergesSeen = -1;
  private readonly selectMerged: Statement<[string], number>;
  private readonly selectTailAfter: Statement<[number]>;
  private readonly appendTail: Statement<[number, string]>;
  private readonly readMerges: Statement<[], string>;
  private readonly mergeTail: Statement<[]>;
  private readonly clearTail: Statement<[]>;
  private readonly countMerge: Statement<[]>;
  private readonly clearMerged: Statement<[]>;

  constructor(db: Database, private readonly mergeThreshold = DEFAULT_ID_MERGE_THRESHOLD) {
    this.selectMerged = db.prepare<[string], number>('SELECT doc FROM search_ids WHERE id = ?').pluck();
    this.selectTailAfter = db.prepare('SELECT doc, id FROM search_ids_tail WHERE doc > ? ORDER BY doc').raw();
    this.appendTail = db.prepare('INSERT INTO search_ids_tail (doc, id) VALUES (?, ?)');
    this.readMerges = db.prepare<[], string>(`SELECT value FROM search_meta WHERE key = '${META.idsMerged}'`).pluck();
    this.mergeTail = db.prepare('INSERT INTO search_ids (id, doc) SELECT id, doc FROM search_ids_tail ORDER BY id');
    this.clearTail = db.prepare('DELETE FROM search_ids_tail');
    this.countMerge = db.prepare(`UPDATE search_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '${META.idsMerged}'`);
    this.clearMerged = db.prepare('DELETE FROM search_ids');
  }

  /** Brings the in-memory tail up to date with the file. Call first in every write transaction. */
  catchUp(): void {
    const merges = Number(this.readMerges.get() ?? 0);
    if (merges !== this.mergesSeen) {
      this.forget();
      this.mergesSeen = merges;
    }
    for (const [doc, id] of this.selectTailAfter.iterate(this.tailUpTo) as Iterable<[number, string]>) {
      this.tail.set(id, doc);
      this.tailUpTo = doc;
    }
  }

  /** The key of the document with this id, if it is indexed. */
  find(id: string): number | undefined {
    return this.tail.get(id) ?? this.selectMerged.get(id);
  }

  /** Records the key of a document just inserted (keys only grow). */
  add(id: string, doc: number): void {
    this.appendTail.run(doc, id);
    this.tail.set(id, doc);
    this.tailUpTo = doc;
  }

  /** Moves the tail into search_ids once it is long enough. Call at the end of the write transaction. */
  mergeIfLong(): void {
    if (this.tail.size < this.mergeThreshold) return;
    this.mergeTail.run();
    this.clearTail.run();
    this.countMerge.run();
    const merges = this.mergesSeen + 1;
    this.forget();
    this.mergesSeen = merges;
  }

  /** Drops every id, in the transaction that empties the index; other writers' mirrors reset on their next write. */
  clear(): void {
    this.clearMerged.run();
    this.clearTail.run();
    this.countMerge.run();
    this.forget();
  }

  /** Forgets the mirror, e.g. after a write rolled back. */
  forget(): void {
    this.tail.clear();
    this.tailUpTo = 0;
    this.mergesSeen = -1;
  }
}
