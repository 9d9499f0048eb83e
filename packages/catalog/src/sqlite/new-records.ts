import type Database from 'better-sqlite3';
import { recordIdFor, type Account, type ApplyPageInput, type PreparedItem, type SearchDocument } from '@verbatim/core';
import type { RecordIdIndex } from './record-id-index';
import { attachmentsToJson } from './row-mapping';
import { newRecordStatus } from '../record-status-rules';

export type AccountContext = Pick<Account, 'id' | 'agencyId' | 'platform'>;

const RECORD_COLUMNS = `id, account_id, agency_id, platform, kind, platform_id, parent_platform_id,
  thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at, edited_at,
  first_captured_at, last_seen_at, last_seen_pass, hidden_at, status, attachments_json, content_hash, version_count`;
const BOUND_COLUMN_COUNT = 22;

/**
 * Creates the records of items the catalog has not seen, the ingest hot path. One prepared INSERT per record
 * (multi-row VALUES statements measured no faster); everything derived from the rows (version 1, the index
 * backlog, the id index) is then copied by one INSERT … SELECT each, inside SQLite, instead of crossing into
 * JavaScript once per record.
 */
export class NewRecordWriter {
  private readonly insertRecord: Database.Statement<unknown[]>;
  private readonly maxSeq: Database.Statement<[], number>;
  private readonly firstVersions: Database.Statement<[string, number]>;
  private readonly queueForIndex: Database.Statement<[number]>;

  constructor(
    db: Database.Database,
    private readonly idIndex: RecordIdIndex,
  ) {
    this.insertRecord = db.prepare(`INSERT INTO records (${RECORD_COLUMNS})
      VALUES (${Array(BOUND_COLUMN_COUNT).fill('?').join(', ')}, 1)`);
    this.maxSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM records').pluck();
    this.firstVersions = db.prepare(`INSERT INTO record_versions (record_seq, version, text, attachments_json,
        edited_at, content_hash, captured_at, raw_capture_sha256, author_id, author_name, author_handle)
      SELECT seq, 1, text, attachments_json, edited_at, content_hash, first_captured_at, ?, author_id, author_name,
        author_handle FROM records WHERE seq > ?`);
    this.queueForIndex = db.prepare(
      'INSERT OR IGNORE INTO index_backlog (record_seq, record_id) SELECT seq, id FROM records WHERE seq > ?',
    );
  }

  /**
   * Inserts a record (status hidden or live, version 1 from this capture) per item. The items must be new and
   * their platform ids distinct. Returns their search documents, built from the items in hand.
   */
  create(input: ApplyPageInput, account: AccountContext, items: PreparedItem[]): SearchDocument[] {
    if (items.length === 0) return [];
    const before = this.maxSeq.get()!;
    const values: unknown[] = new Array(BOUND_COLUMN_COUNT);
    const documents = new Array<SearchDocument>(items.length);
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      const id = recordIdFor(input.accountId, item.platformId);
      writeRowValues(values, id, item, input, account);
      // Spread, not the array itself: better-sqlite3 then reads arguments directly instead of array elements.
      this.insertRecord.run(...values);
      documents[index] = documentOf(id, item, input, account);
    }
    // Every row with seq > before was inserted just now: this transaction holds the write lock.
    this.firstVersions.run(input.capture.sha256, before);
    this.queueForIndex.run(before);
    this.idIndex.addRecordsAfter(before);
    return documents;
  }
}

/** Writes one record's values into `values` (reused across rows), in RECORD_COLUMNS order. */
function writeRowValues(
  values: unknown[],
  id: string,
  item: PreparedItem,
  input: ApplyPageInput,
  account: AccountContext,
): void {
  let at = 0;
  values[at++] = id;
  values[at++] = input.accountId;
  values[at++] = account.agencyId;
  values[at++] = account.platform;
  values[at++] = item.kind;
  values[at++] = item.platformId;
  values[at++] = item.parentPlatformId ?? null;
  values[at++] = item.threadRootPlatformId ?? null;
  values[at++] = item.author.id ?? null;
  values[at++] = item.author.name;
  values[at++] = item.author.handle ?? null;
  values[at++] = item.text;
  values[at++] = item.url ?? null;
  values[at++] = item.postedAt;
  values[at++] = item.editedAt ?? null;
  values[at++] = input.capturedAt;
  values[at++] = input.capturedAt;
  values[at++] = input.passNumber;
  values[at++] = item.hidden ? input.capturedAt : null;
  values[at++] = newRecordStatus(item);
  values[at++] = attachmentsToJson(item.attachments);
  values[at] = item.contentHash;
}

/** The document of a record just created from `item`: what listSearchDocuments would read back. */
function documentOf(id: string, item: PreparedItem, input: ApplyPageInput, account: AccountContext): SearchDocument {
  return {
    id,
    accountId: input.accountId,
    agencyId: account.agencyId,
    platform: account.platform,
    kind: item.kind,
    status: newRecordStatus(item),
    authorName: item.author.name,
    text: item.text,
    priorText: '',
    postedAt: item.postedAt,
    hasAttachments: item.attachments.length > 0,
    revision: 1,
  };
}
