import type { Pool } from 'pg';
import {
  newId,
  OUTSIDE_ANY_PASS,
  type ApplyPageInput,
  type PageApplied,
  type PreparedItem,
  type RawCapture,
} from '@verbatim/core';
import { UnknownReferenceError } from '../errors';
import type { AccountRepository } from './account.repository';
import type { CaptureChainRepository } from './integrity/capture-chain.repository';
import { ExistingRecordWriter, type ExistingRecord } from './existing-records';
import { NewRecordWriter } from './new-records';
import { withTransaction, type Queryable } from './postgres-pool';
import type { SyncStateRepository } from './sync-state.repository';

const INSERT_CAPTURE = `INSERT INTO raw_captures (sha256, key, account_id, content_type, byte_length, source, captured_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`;

const INSERT_QUARANTINE = `INSERT INTO quarantine (id, account_id, raw_capture_sha256, item_index, reason, quarantined_at)
  SELECT q.id, $1, $2, q.item_index, q.reason, $3
  FROM unnest($4::text[], $5::integer[], $6::text[]) WITH ORDINALITY AS q(id, item_index, reason, position)
  ORDER BY q.position ON CONFLICT DO NOTHING`;

const INSERT_MEDIA = `INSERT INTO archived_media (account_id, source_url, attachment)
  SELECT $1, m.source_url, m.attachment::jsonb FROM unnest($2::text[], $3::text[]) AS m(source_url, attachment)
  ON CONFLICT DO NOTHING`;

/** A comparison by UTF-16 code units: the same in every worker, whatever its locale. */
function byCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Applies one connector page in one transaction: the capture row, the items, the quarantine rows and the
 * cursor commit together, so a crash leaves either all of the page or none of it. Safe with any number of
 * workers applying pages of the same account at once:
 *
 * 1. a share lock on the account (a move to another agency waits for the page, and the page for the move);
 * 2. new items are inserted with ON CONFLICT DO NOTHING, sorted by platform id: a worker inserting an item
 *    another has just inserted waits for that one to commit, then leaves the row to it;
 * 3. every other item's record is locked (in the same order) before it is read, so its version number and
 *    status are decided from the latest committed row, never from a stale read.
 */
export class PageApplier {
  private readonly newRecords = new NewRecordWriter();
  private readonly existingRecords = new ExistingRecordWriter();

  constructor(
    private readonly pool: Pool,
    private readonly accounts: AccountRepository,
    private readonly syncStates: SyncStateRepository,
    private readonly captureChain: CaptureChainRepository,
  ) {}

  /** Records a capture on its own (see SyncStateStore.recordCapture); true when it was new. */
  async recordCapture(capture: RawCapture): Promise<boolean> {
    return withTransaction(this.pool, async (client) => {
      const account = await this.accounts.shareLockAccount(client, capture.accountId);
      if (!account) throw new UnknownReferenceError('account', capture.accountId);
      const { rowCount } = await client.query(INSERT_CAPTURE, [
        capture.sha256,
        capture.key,
        capture.accountId,
        capture.contentType,
        capture.byteLength,
        capture.source,
        capture.capturedAt,
      ]);
      const isNew = (rowCount ?? 0) > 0;
      if (isNew) await this.captureChain.append(client, capture.accountId, capture.sha256);
      return isNew;
    });
  }

  async apply(input: ApplyPageInput): Promise<PageApplied> {
    return withTransaction(this.pool, async (client) => {
      // Read per page, not cached: another process (the API) may move the account to another agency meanwhile.
      const account = await this.accounts.shareLockAccount(client, input.accountId);
      if (!account) throw new UnknownReferenceError('account', input.accountId);
      const { capture } = input;
      const { rowCount: capturesInserted } = await client.query(INSERT_CAPTURE, [
        capture.sha256,
        capture.key,
        capture.accountId,
        capture.contentType,
        capture.byteLength,
        capture.source,
        capture.capturedAt,
      ]);
      const result: PageApplied = { created: 0, newVersions: 0, unchanged: 0, quarantined: 0, changed: [] };
      const firstOccurrences = firstOccurrencesOf(input.items);
      const created = await this.newRecords.create(client, input, account, [...firstOccurrences.values()]);
      result.created = created.records.size;
      result.changed = created.documents;
      const others = [...firstOccurrences.keys()].filter((platformId) => !created.records.has(platformId));
      const locked = await this.existingRecords.lock(client, input.accountId, others);
      const pairs = this.pairRemainingItems(input.items, created.records, locked);
      await this.existingRecords.apply(client, input, pairs, result);
      await this.rememberArchivedMedia(client, input);
      result.quarantined = await this.quarantine(client, input);
      if (input.passNumber !== OUTSIDE_ANY_PASS)
        await this.syncStates.recordPage(
          client,
          input.accountId,
          input.passNumber,
          input.nextCursor,
          input.items.length,
        );
      // Last, so the account's chain lock is held only until the commit.
      if ((capturesInserted ?? 0) > 0) await this.captureChain.append(client, capture.accountId, capture.sha256);
      return result;
    });
  }

  /**
   * Every item except the first occurrences that were created, in page order, each with the record it
   * applies to: one created earlier in this page, or one locked above.
   */
  private pairRemainingItems(
    items: PreparedItem[],
    created: Map<string, ExistingRecord>,
    locked: Map<string, ExistingRecord>,
  ): Array<[PreparedItem, ExistingRecord]> {
    const pairs: Array<[PreparedItem, ExistingRecord]> = [];
    const creatingItemSkipped = new Set<string>();
    for (const item of items) {
      const createdRecord = created.get(item.platformId);
      if (createdRecord && !creatingItemSkipped.has(item.platformId)) {
        creatingItemSkipped.add(item.platformId);
        continue;
      }
      const record = createdRecord ?? locked.get(item.platformId);
      // Records are never deleted, so an item not inserted here has a committed record to lock.
      if (!record) throw new Error(`applyPage: record of ${item.platformId} neither created nor found`);
      pairs.push([item, record]);
    }
    return pairs;
  }

  /** Remembers downloaded media by source URL so later passes of the account skip the download. */
  private async rememberArchivedMedia(client: Queryable, input: ApplyPageInput): Promise<void> {
    const media = new Map<string, string>();
    for (const item of input.items) {
      for (const attachment of item.attachments) {
        if (attachment.sha256 && !media.has(attachment.sourceUrl))
          media.set(attachment.sourceUrl, JSON.stringify(attachment));
      }
    }
    if (media.size === 0) return;
    const urls = [...media.keys()].sort(byCodeUnits);
    await client.query(INSERT_MEDIA, [input.accountId, urls, urls.map((url) => media.get(url))]);
  }

  /** Returns the number of rows newly written, so re-applying a page reports 0. */
  private async quarantine(client: Queryable, input: ApplyPageInput): Promise<number> {
    if (input.rejected.length === 0) return 0;
    const { rowCount } = await client.query(INSERT_QUARANTINE, [
      input.accountId,
      input.capture.sha256,
      input.capturedAt,
      input.rejected.map(() => newId('quarantine')),
      input.rejected.map((rejected) => rejected.itemIndex),
      input.rejected.map((rejected) => rejected.reason),
    ]);
    return rowCount ?? 0;
  }
}

/** The first item of each platform id, keyed and ordered by platform id. */
function firstOccurrencesOf(items: PreparedItem[]): Map<string, PreparedItem> {
  const first = new Map<string, PreparedItem>();
  for (const item of items) if (!first.has(item.platformId)) first.set(item.platformId, item);
  return new Map([...first.entries()].sort(([a], [b]) => byCodeUnits(a, b)));
}
