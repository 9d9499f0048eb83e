import type Database from 'better-sqlite3';
import { newId, OUTSIDE_ANY_PASS, type ApplyPageInput, type PageApplied, type PreparedItem } from '@verbatim/core';
import { ExistingRecordWriter, type ExistingRecord } from './existing-records';
import { NewRecordWriter, type AccountContext } from './new-records';
import type { RecordIdIndex } from './record-id-index';
import { CaptureChainRepository } from './integrity/capture-chain.repository';

interface PageContext {
  input: ApplyPageInput;
  account: AccountContext;
  result: PageApplied;
}

/** A page's items split by what they need: creating, or applying to a record that exists. */
interface SortedItems {
  fresh: PreparedItem[];
  known: Array<[PreparedItem, ExistingRecord]>;
  /** Later occurrences of a fresh item's platform id in the same page, applied once it exists. */
  repeats: PreparedItem[];
}

/**
 * Applies one connector page in one IMMEDIATE transaction: the capture row, the items, the quarantine rows and
 * the cursor commit together, so a crash leaves either all of the page or none of it. Existing records are
 * found with one statement per page and new ones written in bulk (see NewRecordWriter).
 */
export class PageApplier {
  private readonly newRecords: NewRecordWriter;
  private readonly existingRecords: ExistingRecordWriter;
  private readonly insertCapture: Database.Statement;
  private readonly captureChain: CaptureChainRepository;
  private readonly insertQuarantine: Database.Statement;
  private readonly insertMedia: Database.Statement;
  private readonly saveCursor: Database.Statement;
  private readonly transaction: Database.Transaction<(context: PageContext) => void>;

  constructor(db: Database.Database, idIndex: RecordIdIndex) {
    this.newRecords = new NewRecordWriter(db, idIndex);
    this.existingRecords = new ExistingRecordWriter(db);
    this.insertCapture = db.prepare(`INSERT OR IGNORE INTO raw_captures (sha256, key, account_id, content_type,
      byte_length, source, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.captureChain = new CaptureChainRepository(db);
    this.insertQuarantine = db.prepare(`INSERT OR IGNORE INTO quarantine (id, account_id, raw_capture_sha256,
      item_index, reason, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)`);
    this.insertMedia = db.prepare(
      'INSERT OR IGNORE INTO archived_media (account_id, source_url, attachment_json) VALUES (?, ?, ?)',
    );
    // A page from a pass that is no longer current must not move the current pass's cursor.
    this.saveCursor = db.prepare(`INSERT INTO sync_state (account_id, pass_number, cursor, status, pages_fetched,
        items_seen) VALUES (?, ?, ?, 'running', 1, ?)
      ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, status = 'running',
        pages_fetched = pages_fetched + 1, items_seen = items_seen + excluded.items_seen
      WHERE sync_state.pass_number = excluded.pass_number`);
    this.transaction = db.transaction((context: PageContext) => this.applyInTransaction(context));
  }

  /** Applies the page; the caller has checked that the account exists and passes what the records need of it. */
  apply(input: ApplyPageInput, account: AccountContext): PageApplied {
    const result: PageApplied = { created: 0, newVersions: 0, unchanged: 0, quarantined: 0, changed: [] };
    this.transaction.immediate({ input, account, result });
    return result;
  }

  private applyInTransaction({ input, account, result }: PageContext): void {
    const { capture } = input;
    const { changes: capturesInserted } = this.insertCapture.run(
      capture.sha256,
      capture.key,
      capture.accountId,
      capture.contentType,
      capture.byteLength,
      capture.source,
      capture.capturedAt,
    );
    if (capturesInserted > 0) this.captureChain.append(capture.accountId, capture.sha256);
    const sorted = this.sortItems(input);
    result.changed = this.newRecords.create(input, account, sorted.fresh);
    result.created = sorted.fresh.length;
    this.existingRecords.apply(input, sorted.known, result);
    if (sorted.repeats.length > 0)
      this.existingRecords.apply(input, this.pairWithRecords(input, sorted.repeats), result);
    this.rememberArchivedMedia(input);
    for (const rejected of input.rejected) {
      const { changes } = this.insertQuarantine.run(
        newId('quarantine'),
        input.accountId,
        capture.sha256,
        rejected.itemIndex,
        rejected.reason,
        input.capturedAt,
      );
      result.quarantined += changes;
    }
    if (input.passNumber !== OUTSIDE_ANY_PASS)
      this.saveCursor.run(input.accountId, input.passNumber, input.nextCursor, input.items.length);
  }

  private sortItems(input: ApplyPageInput): SortedItems {
    const existing = this.existingRecords.find(
      input.accountId,
      input.items.map((item) => item.platformId),
    );
    const sorted: SortedItems = { fresh: [], known: [], repeats: [] };
    const freshIds = new Set<string>();
    for (const item of input.items) {
      const record = existing.get(item.platformId);
      if (record) {
        sorted.known.push([item, record]);
      } else if (freshIds.has(item.platformId)) {
        sorted.repeats.push(item);
      } else {
        freshIds.add(item.platformId);
        sorted.fresh.push(item);
      }
    }
    return sorted;
  }

  private pairWithRecords(input: ApplyPageInput, items: PreparedItem[]): Array<[PreparedItem, ExistingRecord]> {
    const records = this.existingRecords.find(
      input.accountId,
      items.map((item) => item.platformId),
    );
    return items.map((item) => [item, records.get(item.platformId)!]);
  }

  /** Remembers downloaded media by source URL so later passes of the account skip the download. */
  private rememberArchivedMedia(input: ApplyPageInput): void {
    for (const item of input.items) {
      for (const attachment of item.attachments) {
        if (attachment.sha256) this.insertMedia.run(input.accountId, attachment.sourceUrl, JSON.stringify(attachment));
      }
    }
  }
}
