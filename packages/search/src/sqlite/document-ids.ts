import type { Database, Statement } from 'better-sqlite3';
import { IdFilter } from './id-filter';
import { META } from './schema';

/** Tail length that triggers a merge into search_ids; see DocumentIds. */
export const DEFAULT_ID_MERGE_THRESHOLD = 65_536;

/** Ids the filter's first layer is sized for at least; it is sized for twice the documents there are. */
const MIN_FILTER_CAPACITY = 65_536;

/** Rows read per statement when filling the filter. */
const FILL_PAGE = 4096;

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
 *
 * Most documents written are new, and looking a new id up in search_ids still costs a B-tree probe (about 2 s
 * of indexing a million documents with hashed ids), so an IdFilter (a Bloom filter) answers first. It holds the
 * id of every document keyed up to `filteredUpTo` (tail ids included, which costs nothing but bits), so it covers
 * search_ids whenever find() runs: keys only grow and a merge moves the whole tail, so after anyone's merge the
 * ids it lacks are those of documents keyed after `filteredUpTo`. Clearing the index starts keys over, so a
 * changed `epoch` (see schema.ts), or our own clear(), builds it afresh instead.
 */
export class DocumentIds {
  private readonly tail = new Map<string, number>();
  private tailUpTo = 0;
  private mergesSeen = -1;
  private filter = new IdFilter(0);
  private filteredUpTo = 0;
  /** `filteredUpTo` at the start of the write transaction: a rolled-back one hands its keys out again. */
  private committedFilteredUpTo = 0;
  /** The epoch the filter was built under; undefined until the first catch-up builds it. */
  private filterEpoch: string | undefined;
  private readonly selectMerged: Statement<[string], number>;
  private readonly selectTailAfter: Statement<[number]>;
  private readonly appendTail: Statement<[number, string]>;
  private readonly readMerges: Statement<[], string>;
  private readonly mergeTail: Statement<[]>;
  private readonly clearTail: Statement<[]>;
  private readonly countMerge: Statement<[]>;
  private readonly clearMerged: Statement<[]>;
  private readonly readEpoch: Statement<[], string>;
  private readonly readLastKey: Statement<[], number | null>;
  private readonly selectIdsAfter: Statement<[number]>;

  constructor(
    db: Database,
    private readonly mergeThreshold = DEFAULT_ID_MERGE_THRESHOLD,
  ) {
    this.selectMerged = db.prepare<[string], number>('SELECT doc FROM search_ids WHERE id = ?').pluck();
    this.selectTailAfter = db.prepare('SELECT doc, id FROM search_ids_tail WHERE doc > ? ORDER BY doc').raw();
    this.appendTail = db.prepare('INSERT INTO search_ids_tail (doc, id) VALUES (?, ?)');
    this.readMerges = db.prepare<[], string>(`SELECT value FROM search_meta WHERE key = '${META.idsMerged}'`).pluck();
    this.mergeTail = db.prepare('INSERT INTO search_ids (id, doc) SELECT id, doc FROM search_ids_tail ORDER BY id');
    this.clearTail = db.prepare('DELETE FROM search_ids_tail');
    this.countMerge = db.prepare(
      `UPDATE search_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '${META.idsMerged}'`,
    );
    this.clearMerged = db.prepare('DELETE FROM search_ids');
    this.readEpoch = db.prepare<[], string>(`SELECT value FROM search_meta WHERE key = '${META.epoch}'`).pluck();
    this.readLastKey = db.prepare<[], number | null>('SELECT max(doc) FROM search_documents').pluck();
    this.selectIdsAfter = db
      .prepare(`SELECT doc, id FROM search_documents WHERE doc > ? ORDER BY doc LIMIT ${FILL_PAGE}`)
      .raw();
    // The filter is built by the first catchUp (no epoch seen yet), so a process that never writes (an API-only
    // one) never pays for it: 0.8 to 1.2 s and 2.5 MB at a million documents, once, in its first write.
  }

  /** Brings the in-memory tail, and the filter, up to date with the file. Call first in every write transaction. */
  catchUp(): void {
    const merges = Number(this.readMerges.get() ?? 0);
    if (merges !== this.mergesSeen) {
      this.dropTail();
      this.followMerges();
      this.mergesSeen = merges;
    }
    for (const [doc, id] of this.selectTailAfter.iterate(this.tailUpTo) as Iterable<[number, string]>) {
      this.tail.set(id, doc);
      this.tailUpTo = doc;
    }
    this.committedFilteredUpTo = this.filteredUpTo;
  }

  /** The key of the document with this id, if it is indexed. */
  find(id: string): number | undefined {
    return this.tail.get(id) ?? (this.filter.mightHold(id) ? this.selectMerged.get(id) : undefined);
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
    // The tail holds every document keyed after filteredUpTo: this transaction has held the file since catchUp.
    for (const [id, doc] of this.tail) if (doc > this.filteredUpTo) this.filter.add(id);
    this.filteredUpTo = Math.max(this.filteredUpTo, this.tailUpTo);
    const merges = this.mergesSeen + 1;
    this.dropTail();
    this.mergesSeen = merges;
  }

  /** Drops every id, in the transaction that empties the index; other writers' mirrors reset on their next write. */
  clear(): void {
    this.clearMerged.run();
    this.clearTail.run();
    this.countMerge.run();
    this.forget();
    this.filterEpoch = undefined; // keys start over: rebuilt at the next catch-up, whether or not the epoch changed
  }

  /** Forgets the mirror, e.g. after a write rolled back; the filter then vouches only for committed keys. */
  forget(): void {
    this.dropTail();
    this.mergesSeen = -1;
    this.filteredUpTo = this.committedFilteredUpTo;
  }

  private dropTail(): void {
    this.tail.clear();
    this.tailUpTo = 0;
  }

  /** After a merge or clear by anyone: adds the ids the filter lacks, or builds it again if the index was cleared. */
  private followMerges(): void {
    if (this.readEpoch.get() !== this.filterEpoch) this.rebuildFilter();
    else this.fillFilter();
  }

  /** A new filter, sized for twice the documents there are (keys count them: they start at 1 and only grow). */
  private rebuildFilter(): void {
    this.filterEpoch = this.readEpoch.get();
    this.filter = new IdFilter(Math.max(MIN_FILTER_CAPACITY, 2 * (this.readLastKey.get() ?? 0)));
    this.filteredUpTo = 0;
    this.fillFilter();
  }

  /** Adds the ids of documents keyed after `filteredUpTo`: read from search_documents, whose rows are in key order. */
  private fillFilter(): void {
    for (;;) {
      const rows = this.selectIdsAfter.all(this.filteredUpTo) as Array<[number, string]>;
      for (const [, id] of rows) this.filter.add(id);
      if (rows.length === 0) return;
      this.filteredUpTo = rows[rows.length - 1][0];
    }
  }
}
