import { randomBytes } from 'node:crypto';
import type {
  Account,
  AccountRegistry,
  ArchiveRecord,
  LedgerChange,
  ModerationLedgerEntry,
  ModerationLedgerStore,
  ModerationStore,
  RecordReader,
} from '@verbatim/core';
import type { FoiaService } from '@verbatim/foia';
import { moderationNotices, unreviewedPayload } from './moderation-notice';

export interface ModerationLedgerWatchOptions {
  ledger: ModerationLedgerStore;
  reviews: Pick<ModerationStore, 'listReviews'>;
  catalog: RecordReader & AccountRegistry;
  foia: Pick<FoiaService, 'noticeSettings'>;
  /** How many new hides and disappearances one check records at most; the next check takes the rest. */
  batchSize?: number;
  now?: () => Date;
}

const RESIDENT_KINDS = new Set(['comment', 'reply', 'message']);
const normalized = (name: string | undefined) => (name ?? '').replace(/^@/, '').trim().toLowerCase();

/**
 * Whether the item is a resident's: a comment, reply or message whose author is not the account itself (its
 * handle or display name). A town's own post it deleted is not a removal of anyone's speech.
 */
export function isResidentItem(record: ArchiveRecord, account: Account | null): boolean {
  if (!RESIDENT_KINDS.has(record.kind)) return false;
  if (!account) return true;
  const own = new Set([normalized(account.handle), normalized(account.displayName)].filter(Boolean));
  return !own.has(normalized(record.author.handle)) && !own.has(normalized(record.author.name));
}

/**
 * Builds the moderation ledger from what the archive saw: each check records every record newly hidden or
 * tombstoned (the ledger keys an entry by record and change, so each is recorded once, however often checked or
 * by however many workers), with the approved review on record if any. A hide, or the removal of a resident's
 * item, without one is flagged unreviewed and the attorney's office notified in the same transaction.
 */
export class ModerationLedgerWatch {
  constructor(private readonly options: ModerationLedgerWatchOptions) {}

  /** Records what is new since the last check; returns the entries written. */
  async check(): Promise<ModerationLedgerEntry[]> {
    const { ledger } = this.options;
    const written: ModerationLedgerEntry[] = [];
    for (const { recordId, change } of await ledger.listUnledgered(this.options.batchSize ?? 500)) {
      const entry = await this.record(recordId, change);
      if (entry) written.push(entry);
    }
    return written;
  }

  private async record(recordId: string, change: LedgerChange): Promise<ModerationLedgerEntry | null> {
    const { catalog, reviews, ledger, foia } = this.options;
    const record = await catalog.getRecord(recordId);
    if (!record) return null;
    const now = (this.options.now?.() ?? new Date()).toISOString();
    const detectedAt = await this.detectedAt(record, change, now);
    const [approved] = await reviews.listReviews({ recordId, status: ['approved'] });
    const account = await catalog.getAccount(record.accountId);
    const unreviewed = !approved && (change === 'hidden' || isResidentItem(record, account));
    const agency = account ? await catalog.getAgency(account.agencyId) : null;
    const notices = unreviewed
      ? await moderationNotices(
          foia,
          'moderation.unreviewed',
          `${recordId}:${change}`,
          unreviewedPayload({ record, account, agency }, change, detectedAt),
        )
      : [];
    const entry: ModerationLedgerEntry = {
      id: `mle_${randomBytes(10).toString('hex')}`,
      recordId,
      accountId: record.accountId,
      change,
      detectedAt,
      reviewId: approved?.id ?? null,
      unreviewed,
      resolution: null,
    };
    return ledger.recordEntry(entry, notices, now);
  }

  /** The hide's time as captured, or the tombstone's detection; as an ISO instant, so entries sort by it. */
  private async detectedAt(record: ArchiveRecord, change: LedgerChange, now: string): Promise<string> {
    const at = change === 'hidden' ? record.hiddenAt : (await this.options.catalog.getTombstone(record.id))?.detectedAt;
    return at ? new Date(at).toISOString() : now;
  }
}
