import type Database from 'better-sqlite3';

/** Default tail length that triggers a merge; see RecordIdIndex. */
export const DEFAULT_ID_MERGE_THRESHOLD = 65_536;

/**
 * The index key of a record id given as SQL: 8 bytes of the hash in it (ids are `rec_` and 24 hex digits, see
 * recordIdFor). A malformed id has no key (NULL) and so is never found.
 */
const keyOf = (id: string) => `unhex(substr(${id}, 5, 16))`;

/** SQL selecting the seq of the record whose id is the named parameter `@id`. */
export const SEQ_OF_ID = ['record_id_keys', 'record_id_keys_tail']
  .map(
    (table) => `SELECT k.seq FROM ${table} k JOIN records owner ON owner.seq = k.seq
    WHERE k.key = ${keyOf('@id')} AND owner.id = @id`,
  )
  .join(' UNION ALL ');

/** SQL selecting the seqs of the records whose ids are in the JSON array parameter `@ids`. */
export const SEQS_OF_IDS = ['record_id_keys', 'record_id_keys_tail']
  .map(
    (table) => `SELECT k.seq FROM json_each(@ids) wanted JOIN ${table} k ON k.key = ${keyOf('wanted.value')}
    JOIN records owner ON owner.seq = k.seq AND owner.id = wanted.value`,
  )
  .join(' UNION ALL ');

/**
 * Finds records by id. Record ids are hashes, so a B-tree on them is written at random places: with 1000 new
 * records per transaction nearly every insert dirties its own page, and writing those pages to the WAL halved
 * the ingest rate of a million records (13k/s against 25k/s measured). So the index is kept in two parts:
 *
 * - `record_id_keys_tail`: keys of recent records in seq order (appends touch a few pages), also indexed by key
 *   so that a lookup need not scan it;
 * - `record_id_keys`: everything older, a WITHOUT ROWID B-tree on (key, seq), merged into in sorted batches once
 *   the tail holds `mergeThreshold` keys, so each of its pages is written once per batch rather than once per
 *   record.
 *
 * Both hold 8 bytes of each id rather than the id's 28 characters: entries less than half the size mean less than
 * half the pages dirtied and written per batch (applying a million new records went from 17.3-19.3 s to 15.9-17.2 s).
 * Two ids sharing those bytes are both found by the key and told apart by the record's own id, which lookups
 * (`SEQ_OF_ID`, `SEQS_OF_IDS`) compare. A full default tail is about 1 MB, so a merge runs inside the page
 * transaction that filled the tail and makes that page ~0.1 s slower.
 */
export class RecordIdIndex {
  private readonly appendSince: Database.Statement<[number]>;
  private readonly tailLength: Database.Statement<[], number>;
  private readonly mergeTail: Database.Statement<[]>;
  private readonly clearTail: Database.Statement<[]>;

  constructor(
    db: Database.Database,
    private readonly mergeThreshold = DEFAULT_ID_MERGE_THRESHOLD,
  ) {
    this.appendSince = db.prepare(
      `INSERT INTO record_id_keys_tail (seq, key) SELECT seq, ${keyOf('id')} FROM records WHERE seq > ?`,
    );
    // Tail seqs are contiguous (records are only ever appended), so this avoids counting the rows. Separate
    // subqueries, because SQLite answers min() or max() from the B-tree's ends only when alone in a query.
    this.tailLength = db
      .prepare<[], number>(
        `SELECT coalesce(
        (SELECT max(seq) FROM record_id_keys_tail) - (SELECT min(seq) FROM record_id_keys_tail) + 1, 0)`,
      )
      .pluck();
    this.mergeTail = db.prepare(
      'INSERT INTO record_id_keys (key, seq) SELECT key, seq FROM record_id_keys_tail ORDER BY key, seq',
    );
    this.clearTail = db.prepare('DELETE FROM record_id_keys_tail');
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
