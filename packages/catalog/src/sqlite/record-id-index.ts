import type Database from 'better-sqlite3';

/** Default tail length that triggers a merge; see RecordIdIndex. */
export const DEFAULT_ID_MERGE_THRESHOLD = 65_536;

/** SQL selecting the seq of the record whose id is the named parameter `@id`. */
export const SEQ_OF_ID = `SELECT seq FROM record_ids WHERE id = @id
  UNION ALL SELECT seq FROM record_ids_tail WHERE id = @id`;

/** SQL selecting the seqs of the records whose ids are in the JSON array parameter `@ids`. */
export const SEQS_OF_IDS = `SELECT seq FROM record_ids WHERE id IN (SELECT value FROM json_each(@ids))
  UNION ALL SELECT seq FROM record_ids_tail WHERE id IN (SELECT value FROM json_each(@ids))`;

/**
 * Finds records by id. Record ids are hashes, so a B-tree on them is written at random places: with 1000 new
 * records per transaction nearly every insert dirties its own page, and writing those pages to the WAL halved
 * the ingest rate of a million records (13k/s against 25k/s measured). So the index is kept in two parts:
 *
 * - `record_ids_tail`: ids of recent records in seq order (appends touch a few pages), found by a scan;
 * - `record_ids`: everything older, a WITHOUT ROWID B-tree on id, merged into in sorted batches once the tail
 *   holds `mergeThreshold` ids, so each of its pages is written once per batch rather than once per record.
 *
 * A lookup reads both (`SEQ_OF_ID`, `SEQS_OF_IDS`); its cost grows with the tail, which the threshold bounds
 * (a full default tail scans in a few milliseconds). A merge runs inside the page transaction that filled the
 * tail, so that page takes ~0.1 s longer.
 */
export class RecordIdIndex {
  private readonly appendSince: Database.Statement<[number]>;
  private readonly tailLength: Database.Statement<[], number>;
  private readonly mergeTail: Database.Statement<[]>;
  private readonly clearTail: Database.Statement<[]>;

  constructor(db: Database.Database, private readonly mergeThreshold = DEFAULT_ID_MERGE_THRESHOLD) {
    this.appendSince = db.prepare('INSERT INTO record_ids_tail (seq, id) SELECT seq, id FROM records WHERE seq > ?');
    // Tail seqs are contiguous (records are only ever appended), so this avoids counting the rows. Separate
    // subqueries, because SQLite answers min() or max() from the B-tree's ends only when alone in a query.
    this.tailLength = db
      .prepare<[], number>(`SELECT coalesce(
        (SELECT max(seq) FROM record_ids_tail) - (SELECT min(seq) FROM record_ids_tail) + 1, 0)`)
      .pluck();
    this.mergeTail = db.prepare('INSERT INTO record_ids (id, seq) SELECT id, seq FROM record_ids_tail ORDER BY id');
    this.clearTail = db.prepare('DELETE FROM record_ids_tail');
  }

  /** Indexes the records created after `seq`. Call inside the transaction that created them. */
  addRecordsAfter(seq: number): void {
    this.appendSince.run(seq);
    if (this.tailLength.get()! >= this.mergeThreshold) {
      this.mergeTail.run();
      this.clearTail.run();
    }
  }
}
