import type {
  DisposedObject,
  DisposedRecord,
  Disposition,
  DispositionCandidate,
  LegalHold,
  NewLegalHold,
  NewRetentionRule,
  RetentionRule,
} from '../retention.schema';

/** Who did it and when, for every write the store records. */
export interface Stamp {
  by: string;
  at: string;
}

/** One record disposed by `disposeRecords`, and the objects it used that may now be unused. */
export interface DisposedBatch {
  disposed: DisposedRecord[];
  /** Object keys (raw captures, media) the disposed records used; `unusedObjects` says which nothing else uses. */
  objectKeys: string[];
}

/**
 * Retention rules, legal holds and dispositions, in the catalog's database. Disposition is the one deliberate
 * exception to the catalog's append-only record versions: it blanks a version's text and attachments only
 * when a tombstone for its record exists, and the storage itself refuses any other change (see the migrations).
 */
export interface RetentionStore {
  /** Adds a rule; null when its agency or account does not exist. */
  addRule(rule: NewRetentionRule, stamp: Stamp): Promise<RetentionRule | null>;
  /** Every rule, retired ones included, oldest first. */
  listRules(): Promise<RetentionRule[]>;
  /** Retires a rule (it stops applying); null when unknown, unchanged when already retired. */
  retireRule(id: string, stamp: Stamp): Promise<RetentionRule | null>;

  /** Places a hold; null when its account or saved search does not exist. */
  placeHold(hold: NewLegalHold, stamp: Stamp): Promise<LegalHold | null>;
  /** Releases a hand-placed hold; null when unknown or automatic, unchanged when already released. */
  releaseHold(id: string, note: string, stamp: Stamp): Promise<LegalHold | null>;
  /** Hand-placed holds and the automatic hold of every request that gathered records, newest first. */
  listHolds(): Promise<LegalHold[]>;

  /**
   * Records whose retention under the longest matching active rule ended by `asOf`, not yet disposed, and held
   * by no active account hold nor any open FOIA request that gathered them; at most `limit`, oldest first.
   * Saved-search holds are the caller's to apply: they need the search index.
   */
  listDispositionCandidates(asOf: string, limit: number, ruleIds?: string[]): Promise<DispositionCandidate[]>;

  /** Records an attorney's approval of a disposition run. */
  createDisposition(approval: { note: string; ruleIds: string[] | null }, stamp: Stamp): Promise<Disposition>;
  /**
   * Disposes these records in one transaction, each only while it is still a candidate on `at` (a hold placed
   * since the report keeps it): writes its tombstone with hashes and rule, blanks its content and versions, and
   * queues it for re-indexing without text.
   */
  disposeRecords(dispositionId: string, recordIds: string[], at: string): Promise<DisposedBatch>;
  /** Of these keys, those no record still kept (nor a quarantined payload) uses. */
  unusedObjects(keys: string[]): Promise<string[]>;
  /** Records that an object was deleted (`deletedAt`) or waits for its lock (`lockedUntil`); the latest wins. */
  recordObjectOutcome(object: DisposedObject): Promise<void>;
  /** Objects still waiting for their Object Lock to end. */
  listWaitingObjects(): Promise<DisposedObject[]>;
  /** What a disposition did with this object (deleted, or waiting for its lock); null when none touched it. */
  getDisposedObject(key: string): Promise<DisposedObject | null>;
  /** Marks a run finished with the number of records it disposed. */
  completeDisposition(id: string, recordsDisposed: number, at: string): Promise<Disposition>;
  getDisposition(id: string): Promise<Disposition | null>;
  /** Newest first. */
  listDispositions(): Promise<Disposition[]>;
  /** The tombstones a run left, in the order disposed. */
  listDisposedRecords(dispositionId: string): Promise<DisposedRecord[]>;
  /** The tombstone of a disposed record; null when it was never disposed. */
  getDisposedRecord(recordId: string): Promise<DisposedRecord | null>;
}
