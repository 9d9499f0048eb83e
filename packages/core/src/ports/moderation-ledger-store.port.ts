import type { LedgerChange, LedgerResolution, ModerationLedgerEntry } from '../moderation/moderation-ledger.schema';
import type { ModerationNotice } from './moderation-store.port';

export interface ModerationLedgerFilter {
  accountId?: string;
  /** Detected at or after this instant. */
  from?: string;
  /** Detected before this instant. */
  to?: string;
  /** Only entries flagged unreviewed and not yet resolved. */
  openOnly?: boolean;
}

/**
 * The moderation ledger in the catalog's database: every hide and disappearance, each recorded once (the record
 * and the change are its key), with the notices of an unreviewed one in the same transaction.
 */
export interface ModerationLedgerStore {
  /** Records now hidden or deleted whose change the ledger does not hold yet, oldest first, at most `limit`. */
  listUnledgered(limit: number): Promise<Array<{ recordId: string; change: LedgerChange }>>;
  /**
   * Records the entry and its notices together; null, writing nothing, when the ledger already holds that
   * record's change (another check recorded it first).
   */
  recordEntry(
    entry: ModerationLedgerEntry,
    notices: ModerationNotice[],
    at: string,
  ): Promise<ModerationLedgerEntry | null>;
  /** By detection time, oldest first. */
  listEntries(filter?: ModerationLedgerFilter): Promise<ModerationLedgerEntry[]>;
  getEntry(id: string): Promise<ModerationLedgerEntry | null>;
  /** Records how an entry was settled; null when there is no such entry. */
  resolve(id: string, resolution: LedgerResolution): Promise<ModerationLedgerEntry | null>;
}
