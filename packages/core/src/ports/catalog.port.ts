import type { Account, AccountPatch, AccountStatus, NewAccount } from '../account.schema';
import type { Agency, NewAgency } from '../agency.schema';
import type {
  ArchiveRecord,
  RecordStatus,
  Attachment,
  QuarantineEntry,
  RawCapture,
  RecordVersion,
  Tombstone,
} from '../record.schema';
import type { PlatformItem, RejectedPayload } from './connector.port';
import type { IndexedRevision, SearchDocument } from './search-index.port';
import type { Role } from '../role.schema';

/** An item ready to archive: attachments carry their archived bytes' hash and key where downloaded. */
export interface PreparedItem extends Omit<PlatformItem, 'attachments'> {
  attachments: Attachment[];
  /** `contentHashOf(item)`: equal hashes mean no new version. */
  contentHash: string;
}

export interface ApplyPageInput {
  accountId: string;
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
  lastError: string | null;
  /** The last completed pass's token, handed to the connector to begin the next. */
  lastCompletedPassToken: string | null;
  lastCompletedAt: string | null;
  pagesFetched: number;
  itemsSeen: number;
}

export interface ApiToken {
  id: string;
  name: string;
  roles: Role[];
  createdAt: string;
}

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** Raw captures stored in one UTC hour. */
export interface CaptureCount {
  /** The hour, as `YYYY-MM-DDTHH` in UTC. */
  hour: string;
  captures: number;
  /** Bytes of the captures as stored. */
  bytes: number;
}

export interface RecordFilter {
  accountId?: string;
  status?: ArchiveRecord['status'];
}

/**
 * The catalog: source of truth for agencies, accounts, records and their versions. Every write that must be
 * atomic is one method here, so an adapter can make it one transaction.
 */
export interface Catalog {
  createAgency(input: NewAgency): Promise<Agency>;
  getAgency(id: string): Promise<Agency | null>;
  listAgencies(): Promise<Agency[]>;

  createAccount(input: NewAccount): Promise<Account>;
  getAccount(id: string): Promise<Account | null>;
  listAccounts(filter?: { agencyId?: string; status?: AccountStatus[] }): Promise<Account[]>;
  /** Returns the updated account, or null when there is none with this id. */
  updateAccount(id: string, patch: AccountPatch): Promise<Account | null>;

  /** Stores a token by the SHA-256 of its secret; the secret itself is never stored. */
  createToken(input: { name: string; roles: Role[]; secretSha256: string }): Promise<ApiToken>;
  findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null>;
  countTokens(): Promise<number>;

  getSyncState(accountId: string): Promise<SyncState>;
  /** Records that pass `passNumber` began, with the connector's token and first cursor. */
  startPass(accountId: string, passNumber: number, passToken: string, firstCursor: string, at: string): Promise<void>;
  /**
   * In one transaction: records the capture, upserts the items (a new version only when the content hash
   * changed), marks them seen in this pass, quarantines rejects, saves `nextCursor`, and queues the changed
   * records for indexing.
   */
  applyPage(input: ApplyPageInput): Promise<PageApplied>;
  /** Records of the account not seen in pass `passNumber` and not already tombstoned. */
  listUnseen(accountId: string, passNumber: number): Promise<Array<{ id: string; platformId: string }>>;
  /** Writes tombstones (status becomes deleted; text and versions stay) and returns documents to reindex. */
  markGone(accountId: string, recordIds: string[], detectedAt: string): Promise<SearchDocument[]>;
  completePass(accountId: string, passNumber: number, at: string): Promise<void>;
  failPass(accountId: string, passNumber: number, error: string, at: string): Promise<void>;

  /** Documents whose index entry is out of date (changed but not yet confirmed indexed), oldest first. */
  listIndexBacklog(limit: number): Promise<SearchDocument[]>;
  /**
   * Confirms documents were indexed. A record changed since the document was read (its revision moved on) stays
   * queued, so the newer state is indexed too.
   */
  clearIndexBacklog(indexed: IndexedRevision[]): Promise<void>;
  /** Every record's document in a stable order, for rebuilding the index: pass the last id seen. */
  listSearchDocuments(afterId: string | null, limit: number): Promise<SearchDocument[]>;
  /** About `size` documents of records picked at random (the search drift check compares them with the index). */
  sampleSearchDocuments(size: number): Promise<SearchDocument[]>;

  getRecord(id: string): Promise<ArchiveRecord | null>;
  getRecords(ids: string[]): Promise<ArchiveRecord[]>;
  getRecordByPlatformId(accountId: string, platformId: string): Promise<ArchiveRecord | null>;
  /** Direct replies to the given platform item, oldest first. */
  listReplies(accountId: string, parentPlatformId: string): Promise<ArchiveRecord[]>;
  listVersions(recordId: string): Promise<RecordVersion[]>;
  getTombstone(recordId: string): Promise<Tombstone | null>;
  countRecords(filter?: RecordFilter): Promise<number>;
  /** Every record counted by status, each status present (0 when none); cheap at millions of records. */
  countRecordsByStatus(): Promise<Record<RecordStatus, number>>;
  /**
   * Raw captures (pages as received; identical bytes are one capture) stored at or after `since`, counted per
   * UTC hour, oldest first, hours without captures left out. Callers group hours into days in their time zone.
   */
  countCapturesByHour(since: string): Promise<CaptureCount[]>;
  /** Archived media already stored for these source URLs of the account, so they are not downloaded again. */
  findArchivedMedia(accountId: string, sourceUrls: string[]): Promise<Map<string, Attachment>>;

  getCapture(sha256: string): Promise<RawCapture | null>;
  listQuarantine(accountId?: string): Promise<QuarantineEntry[]>;

  /** Appends to the audit log; entries are never updated or removed. */
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
