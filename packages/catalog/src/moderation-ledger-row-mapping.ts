import type { LedgerResolution, ModerationLedgerEntry } from '@verbatim/core';

/** A moderation_ledger row with its JSON already parsed and its flag a boolean (SQLite's are converted first). */
export interface LedgerRow {
  id: string;
  record_id: string;
  account_id: string;
  change: ModerationLedgerEntry['change'];
  detected_at: string;
  review_id: string | null;
  unreviewed: boolean;
  resolution: LedgerResolution | null;
}

export function ledgerEntryFromRow(row: LedgerRow): ModerationLedgerEntry {
  return {
    id: row.id,
    recordId: row.record_id,
    accountId: row.account_id,
    change: row.change,
    detectedAt: row.detected_at,
    reviewId: row.review_id,
    unreviewed: row.unreviewed,
    resolution: row.resolution,
  };
}
