import type Database from 'better-sqlite3';
import {
  newId,
  recordIdFor,
  type Account,
  type ApplyPageInput,
  type PageApplied,
  type PreparedItem,
  type RecordStatus,
  type SearchDocument,
} from '@verbatim/core';
import {
  attachmentsToJson,
  SEARCH_DOCUMENT_COLUMNS,
  searchDocumentFromRow,
  type SearchDocumentRow,
} from './row-mapping';

/** Only what deciding an item's fate needs: no text, no JSON, so the common paths parse nothing. */
interface ExistingRecord {
  seq: number;
  content_hash: string;
  hidden_at: string | null;
  status: RecordStatus;
  version_count: number;
}

type AccountContext = Pick<Account, 'id' | 'agencyId' | 'platform'>;

interface PageContext {
  input: ApplyPageInput;
  account: AccountContext;
  result: PageApplied;
}

/** Precedence deleted > hidden > edited > live; an item being applied was just seen, so it is never deleted. */
export function statusOf(hidden: boolean, versionCount: number): RecordStatus {
  if (hidden) return 'hidden';
  return versionCount > 1 ? 'edited' : 'live';
}

/**
 * The ingest hot path: applies one connector page in one transaction. Statements are prepared once; each item
 * costs one indexed lookup plus the writes it needs, and documents for new records are built from the item in
 * hand rather than read back.
 *
 * A record that was tombstoned and reappears in a listing was restored on the platform: its open tombstone is
 * closed (kept, with `restored_at`, for history) and its status returns to hidden, edited or live.
 */
export class PageApplier {
  private readonly lookup: Database.Statement<[string, string], ExistingRecord>;
  private readonly insertRecord: Database.Statement;
  private readonly insertVersion: Database.Statement;
  private readonly queueForIndex: Database.Statement;
  private readonly markSeen: Database.Statement;
  private readonly updateContent: Database.Statement<Record<string, unknown>, SearchDocumentRow>;
  private readonly updateStatus: Database.Statement<Record<string, unknown>, SearchDocumentRow>;
  private readonly closeTombstone: Database.Statement;
  private readonly insertCapture: Database.Statement;
  private readonly insertQuarantine: Database.Statement;
  private readonly insertMedia: Database.Statement;
  private readonly saveCursor: Database.Statement;
  private readonly transaction: (context: PageContext) => void;

  constructor(db: Database.Database) {
    this.lookup = db.prepare(`SELECT seq, content_hash, hidden_at, status, version_count
      FROM records WHERE account_id = ? AND platform_id = ?`);
    this.insertRecord = db.prepare(`INSERT INTO records (id, account_id, agency_id, platform, kind, platform_id,
      parent_platform_id, thread_root_platform_id, author_id, author_name, author_handle, text, url, posted_at,
      edited_at, first_captured_at, last_seen_at, last_seen_pass, hidden_at, status, attachments_json,
      version_count, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`);
    this.insertVersion = db.prepare(`INSERT INTO record_versions (record_seq, version, text, attachments_json,
      edited_at, content_hash, captured_at, raw_capture_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.queueForIndex = db.prepare('INSERT OR IGNORE INTO index_backlog (record_seq) VALUES (?)');
    // Archived media may have been downloaded since the last capture: not a content change, but worth keeping.
    this.markSeen = db.prepare(`UPDATE records SET last_seen_at = ?, last_seen_pass = ?,
      attachments_json = coalesce(?, attachments_json) WHERE seq = ?`);
    // Right-hand sides read the row as it was, so `text` here is the text being replaced.
    this.updateContent = db.prepare(`UPDATE records SET
        prior_text = CASE WHEN text = @text THEN prior_text WHEN prior_text = '' THEN text
                          ELSE prior_text || char(10) || text END,
        text = @text, attachments_json = @attachments_json, edited_at = @edited_at, content_hash = @content_hash,
        version_count = @version_count, status = @status, hidden_at = @hidden_at,
        last_seen_at = @last_seen_at, last_seen_pass = @last_seen_pass
      WHERE seq = @seq RETURNING ${SEARCH_DOCUMENT_COLUMNS}`);
    this.updateStatus = db.prepare(`UPDATE records SET status = @status, hidden_at = @hidden_at,
        last_seen_at = @last_seen_at, last_seen_pass = @last_seen_pass
      WHERE seq = @seq RETURNING ${SEARCH_DOCUMENT_COLUMNS}`);
    this.closeTombstone = db.prepare('UPDATE tombstones SET restored_at = ? WHERE record_seq = ? AND restored_at IS NULL');
    this.insertCapture = db.prepare(`INSERT OR IGNORE INTO raw_captures (sha256, key, account_id, content_type,
      byte_length, source, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
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
    this.transaction = db.transaction((context: PageContext) => this.applyInTransaction(context)).immediate;
  }

  /** Applies the page; the caller has checked that the account exists and passes what the records need of it. */
  apply(input: ApplyPageInput, account: AccountContext): PageApplied {
    const result: PageApplied = { created: 0, newVersions: 0, unchanged: 0, quarantined: 0, changed: [] };
    this.transaction({ input, account, result });
    return result;
  }

  private applyInTransaction(context: PageContext): void {
    const { input } = context;
    const { capture } = input;
    this.insertCapture.run(capture.sha256, capture.key, capture.accountId, capture.contentType, capture.byteLength,
      capture.source, capture.capturedAt);
    for (const item of input.items) this.applyItem(context, item);
    for (const rejected of input.rejected) {
      const { changes } = this.insertQuarantine.run(newId('quarantine'), input.accountId, capture.sha256,
        rejected.itemIndex, rejected.reason, input.capturedAt);
      context.result.quarantined += changes;
    }
    this.saveCursor.run(input.accountId, input.passNumber, input.nextCursor, input.items.length);
  }

  private applyItem(context: PageContext, item: PreparedItem): void {
    const existing = this.lookup.get(context.input.accountId, item.platformId);
    const attachmentsJson = attachmentsToJson(item.attachments);
    this.rememberArchivedMedia(context.input.accountId, item);
    if (!existing) {
      this.create(context, item, attachmentsJson);
    } else if (existing.content_hash !== item.contentHash) {
      this.addVersion(context, item, existing, attachmentsJson);
    } else {
      this.refresh(context, item, existing, attachmentsJson);
    }
  }

  private create(context: PageContext, item: PreparedItem, attachmentsJson: string): void {
    const { input, account, result } = context;
    const id = recordIdFor(input.accountId, item.platformId);
    const status = item.hidden ? 'hidden' : 'live';
    const { lastInsertRowid } = this.insertRecord.run(id, input.accountId, account.agencyId, account.platform,
      item.kind, item.platformId, item.parentPlatformId ?? null, item.threadRootPlatformId ?? null,
      item.author.id ?? null, item.author.name, item.author.handle ?? null, item.text, item.url ?? null,
      item.postedAt, item.editedAt ?? null, input.capturedAt, input.capturedAt, input.passNumber,
      item.hidden ? input.capturedAt : null, status, attachmentsJson, item.contentHash);
    this.insertVersion.run(lastInsertRowid, 1, item.text, attachmentsJson, item.editedAt ?? null, item.contentHash,
      input.capturedAt, input.capture.sha256);
    this.queueForIndex.run(lastInsertRowid);
    result.created += 1;
    result.changed.push(documentOf(id, account, item, status));
  }

  private addVersion(context: PageContext, item: PreparedItem, existing: ExistingRecord, attachmentsJson: string): void {
    const { input, result } = context;
    const version = existing.version_count + 1;
    this.insertVersion.run(existing.seq, version, item.text, attachmentsJson, item.editedAt ?? null, item.contentHash,
      input.capturedAt, input.capture.sha256);
    const row = this.updateContent.get({
      seq: existing.seq,
      text: item.text,
      attachments_json: attachmentsJson,
      edited_at: item.editedAt ?? null,
      content_hash: item.contentHash,
      version_count: version,
      status: statusOf(item.hidden, version),
      hidden_at: hiddenAtAfter(existing, item, input.capturedAt),
      last_seen_at: input.capturedAt,
      last_seen_pass: input.passNumber,
    })!;
    if (existing.status === 'deleted') this.closeTombstone.run(input.capturedAt, existing.seq);
    this.queueForIndex.run(existing.seq);
    result.newVersions += 1;
    result.changed.push(searchDocumentFromRow(row));
  }

  private refresh(context: PageContext, item: PreparedItem, existing: ExistingRecord, attachmentsJson: string): void {
    const { input, result } = context;
    result.unchanged += 1;
    const status = statusOf(item.hidden, existing.version_count);
    if (status === existing.status) {
      const archivedAttachments = item.attachments.some((attachment) => attachment.sha256) ? attachmentsJson : null;
      this.markSeen.run(input.capturedAt, input.passNumber, archivedAttachments, existing.seq);
      return;
    }
    const row = this.updateStatus.get({
      seq: existing.seq,
      status,
      hidden_at: hiddenAtAfter(existing, item, input.capturedAt),
      last_seen_at: input.capturedAt,
      last_seen_pass: input.passNumber,
    })!;
    if (existing.status === 'deleted') this.closeTombstone.run(input.capturedAt, existing.seq);
    this.queueForIndex.run(existing.seq);
    result.changed.push(searchDocumentFromRow(row));
  }

  private rememberArchivedMedia(accountId: string, item: PreparedItem): void {
    for (const attachment of item.attachments) {
      if (attachment.sha256) this.insertMedia.run(accountId, attachment.sourceUrl, JSON.stringify(attachment));
    }
  }
}

/** Keeps the time an item was first seen hidden while it stays hidden; clears it once it is visible again. */
function hiddenAtAfter(existing: ExistingRecord, item: PreparedItem, capturedAt: string): string | null {
  if (!item.hidden) return null;
  return existing.hidden_at ?? capturedAt;
}

function documentOf(id: string, account: AccountContext, item: PreparedItem, status: RecordStatus): SearchDocument {
  return {
    id,
    accountId: account.id,
    agencyId: account.agencyId,
    platform: account.platform,
    kind: item.kind,
    status,
    authorName: item.author.name,
    text: item.text,
    priorText: '',
    postedAt: item.postedAt,
    hasAttachments: item.attachments.length > 0,
  };
}
