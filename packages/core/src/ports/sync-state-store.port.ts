import type { Attachment, RawCapture } from '../record.schema';
import type { PlatformItem, RejectedPayload } from './connector.port';
import type { SearchDocument } from './search-index.port';

/** An item ready to archive: attachments carry their archived bytes' hash and key where downloaded. */
export interface PreparedItem extends Omit<PlatformItem, 'attachments'> {
  attachments: Attachment[];
  /** `contentHashOf(item)`: equal hashes mean no new version. */
  contentHash: string;
}

/**
 * The pass number of a page applied outside any pass (an import of a platform export): its records are
 * written as a pass's are, but no pass's cursor or counters move, and no sync state is created.
 */
export const OUTSIDE_ANY_PASS = 0;

export interface ApplyPageInput {
  accountId: string;
  /** The pass the page belongs to, or OUTSIDE_ANY_PASS. */
  passNumber: number;
  capture: RawCapture;
  items: PreparedItem[];
  rejected: RejectedPayload[];
  /** Saved in the same transaction as the items, so a restarted sync resumes after this page. */
  nextCursor: string | null;
  capturedAt: string;
}

export interface PageApplied {
  created: number;
  newVersions: number;
  unchanged: number;
  quarantined: number;
  /** Documents to (re)index: every record created, changed in content, or changed in status. */
  changed: SearchDocument[];
}

export interface SyncState {
  accountId: string;
  /** Number of the current or last pass; 0 before the first. */
  passNumber: number;
  passToken: string | null;
  /** Cursor of the next page to fetch while a pass is running; null otherwise. */
  cursor: string | null;
  status: 'never' | 'running' | 'completed' | 'failed';
  startedAt: string | null;
  completedAt: string | null;
  /** The failed pass's error, or why the last attempt to begin a pass failed (status then `never` or `completed`). */
  lastError: string | null;
  /** The last completed pass's token, handed to the connector to begin the next. */
  lastCompletedPassToken: string | null;
  lastCompletedAt: string | null;
  pagesFetched: number;
  itemsSeen: number;
}

/**
 * A sync's passes over an account and everything they write: the pass state, each page's records, captures and
 * rejects, and the tombstones of vanished items. The only writer of records, so every write that must be atomic
 * with a pass's progress is one method here, and an adapter can make it one transaction.
 */
export interface SyncStateStore {
  /** Where the account's current or last pass stands; status `never`, pass 0, for an account never synced. */
  getSyncState(accountId: string): Promise<SyncState>;
  /**
   * Records that pass `passNumber` began, with the connector's token and first cursor; resets the pass counters
   * but keeps the last completed pass's token. Throws for an unknown account.
   */
  startPass(accountId: string, passNumber: number, passToken: string, firstCursor: string, at: string): Promise<void>;
  /**
   * In one transaction: records the capture, upserts the items (a new version only when the content hash
   * changed), marks them seen in this pass, quarantines rejects, saves `nextCursor` (only while `passNumber` is
   * still current), and queues the changed records for indexing. Applying the same page twice changes nothing
   * the second time.
   */
  applyPage(input: ApplyPageInput): Promise<PageApplied>;
  /**
   * Records a raw capture that arrived outside any pass (a webhook delivery), leaving every pass, cursor and
   * record as they are. Identical bytes are one capture: returns false, changing nothing, when one with this
   * SHA-256 is already recorded. Throws for an unknown account.
   */
  recordCapture(capture: RawCapture): Promise<boolean>;
  /** Records of the account not seen in pass `passNumber` and not already tombstoned, least recently seen first. */
  listUnseen(accountId: string, passNumber: number): Promise<Array<{ id: string; platformId: string }>>;
  /**
   * Writes tombstones (status becomes deleted; text and versions stay) and returns documents to reindex.
   * Idempotent: records already deleted, unknown, or of another account are skipped.
   */
  markGone(accountId: string, recordIds: string[], detectedAt: string): Promise<SearchDocument[]>;
  /**
   * Ends the pass and makes its token the one the next pass starts from. Completing it twice changes nothing;
   * throws if another pass is current.
   */
  completePass(accountId: string, passNumber: number, at: string): Promise<void>;
  /** Records the error but keeps the token and cursor so the pass resumes; a pass no longer current is left as is. */
  failPass(accountId: string, passNumber: number, error: string, at: string): Promise<void>;
  /**
   * Records why a new pass could not begin (the platform refused the token, the account does not exist) as the
   * state's `lastError`, leaving the last pass as it was; the next pass that starts clears it. A running pass is
   * left alone.
   */
  failStart(accountId: string, error: string): Promise<void>;
}
