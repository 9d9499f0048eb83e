import {
  csvDocument,
  UseCaseError,
  invalidFields,
  notFound,
  type AccountRegistry,
  type AuditLog,
  type LedgerResolutionInput,
  type ModerationLedgerEntry,
  type ModerationLedgerFilter,
  type ModerationLedgerStore,
  type ModerationStore,
  type RecordReader,
} from '@verbatim/core';
import type { Actor } from '@verbatim/foia';

/** A ledger entry as people read it: the item's account, kind, author and text, and whether it is still flagged. */
export interface ModerationLedgerRow extends ModerationLedgerEntry {
  /** Unreviewed and not resolved yet. */
  flagged: boolean;
  account: string;
  kind: string;
  author: string;
  text: string;
}

/** One account's (or the town's) ledger over a period, for counsel: what the CSV and the PDF hold. */
export interface ModerationLedgerReport {
  title: string;
  period: { from: string | null; to: string | null };
  accountLabel: string;
  generatedAt: string;
  rows: ModerationLedgerRow[];
}

export const LEDGER_CSV_HEADER = [
  'detected at (UTC)',
  'change',
  'account',
  'kind',
  'author',
  'text',
  'approving review',
  'unreviewed',
  'resolution',
  'record id',
] as const;

/** How the entry was settled, in words: the review linked after the fact, or why none was needed. */
export function resolutionText(entry: ModerationLedgerEntry): string {
  if (!entry.resolution) return entry.unreviewed ? 'open: no approved review' : '';
  return entry.resolution.reviewId
    ? `linked to review ${entry.resolution.reviewId} by ${entry.resolution.by}`
    : `no review needed (${entry.resolution.reason ?? ''}), by ${entry.resolution.by}`;
}

/**
 * The moderation ledger as counsel reads it: every hide and disappearance with the review that approved it,
 * the unreviewed ones flagged until the attorney's office links a review or records why none was needed.
 */
export class ModerationLedgerDesk {
  constructor(
    private readonly options: {
      ledger: ModerationLedgerStore;
      reviews: Pick<ModerationStore, 'getReview'>;
      catalog: RecordReader & AccountRegistry & AuditLog;
      now?: () => Date;
    },
  ) {}

  async list(filter: ModerationLedgerFilter = {}): Promise<ModerationLedgerRow[]> {
    return this.rowsOf(await this.options.ledger.listEntries(filter));
  }

  /** One entry as people read it; throws `not-found` when there is none. */
  async get(id: string): Promise<ModerationLedgerRow> {
    const entry = await this.options.ledger.getEntry(id);
    if (!entry) throw notFound('moderation ledger entry');
    return (await this.rowsOf([entry]))[0];
  }

  private async rowsOf(entries: ModerationLedgerEntry[]): Promise<ModerationLedgerRow[]> {
    const { catalog } = this.options;
    const records = new Map((await catalog.getRecords(entries.map((e) => e.recordId))).map((r) => [r.id, r]));
    const accounts = new Map((await catalog.listAccounts()).map((account) => [account.id, account]));
    return entries.map((entry) => {
      const record = records.get(entry.recordId);
      const account = accounts.get(entry.accountId);
      return {
        ...entry,
        flagged: entry.unreviewed && entry.resolution === null,
        account: account ? `@${account.handle.replace(/^@/, '')} on ${account.platform}` : entry.accountId,
        kind: record?.kind ?? '',
        author: record?.author.name ?? '',
        text: record?.text ?? '',
      };
    });
  }

  /** The attorney links the entry to the review that approved it, or records why none was needed. */
  async resolve(id: string, input: LedgerResolutionInput, actor: Actor): Promise<ModerationLedgerRow> {
    const entry = await this.options.ledger.getEntry(id);
    if (!entry) throw notFound('moderation ledger entry');
    // What counsel was told stays as it was: a settled entry is not settled again over its first answer.
    if (entry.resolution)
      throw new UseCaseError(
        'conflict',
        'already_settled',
        `this entry was settled on ${entry.resolution.at} by ${entry.resolution.by}; its settlement is part of the record and is not replaced`,
      );
    if (input.reviewId) {
      const review = await this.options.reviews.getReview(input.reviewId);
      if (!review || review.recordId !== entry.recordId || review.status !== 'approved')
        throw invalidFields('request body', [{ path: 'reviewId', message: 'not an approved review of this record' }]);
    }
    const at = (this.options.now?.() ?? new Date()).toISOString();
    await this.options.ledger.resolve(id, {
      reviewId: input.reviewId ?? null,
      reason: input.reason ?? null,
      by: actor.id,
      at,
    });
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'moderation-ledger.resolve',
      target: id,
      details: { ...input },
    });
    return this.get(id);
  }

  /** The report of one account (or all) over a period; audited, since it carries residents' words. */
  async report(filter: Omit<ModerationLedgerFilter, 'openOnly'>, actor: Actor): Promise<ModerationLedgerReport> {
    const rows = await this.list(filter);
    const account = filter.accountId ? await this.options.catalog.getAccount(filter.accountId) : null;
    if (filter.accountId && !account) throw notFound('account');
    await this.options.catalog.appendAudit({
      actor: actor.id,
      action: 'moderation-ledger.report',
      target: filter.accountId ?? 'town',
      details: { ...filter, rows: rows.length },
    });
    const accountLabel = account ? `@${account.handle.replace(/^@/, '')} on ${account.platform}` : 'every account';
    return {
      title: `Moderation ledger: ${accountLabel}`,
      period: { from: filter.from ?? null, to: filter.to ?? null },
      accountLabel,
      generatedAt: (this.options.now?.() ?? new Date()).toISOString(),
      rows,
    };
  }
}

/** The report as CSV through the shared formula-guarded writer. */
export function moderationLedgerCsv(report: ModerationLedgerReport): string {
  return csvDocument(
    LEDGER_CSV_HEADER,
    report.rows.map((row) => [
      row.detectedAt,
      row.change,
      row.account,
      row.kind,
      row.author,
      row.text,
      row.reviewId ?? '',
      row.unreviewed ? 'yes' : 'no',
      resolutionText(row),
      row.recordId,
    ]),
  );
}
