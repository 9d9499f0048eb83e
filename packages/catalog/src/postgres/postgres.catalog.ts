import type { Pool } from 'pg';
import type {
  AuditChainReport,
  AuditPage,
  AuditQuery,
  CaptureChain,
  Account,
  AccountPatch,
  AccountStatus,
  Agency,
  ApiToken,
  NewApiTokenRecord,
  OutboxNotice,
  ApplyPageInput,
  ArchiveRecord,
  Attachment,
  AuditEntry,
  CaptureCount,
  Catalog,
  NewAccount,
  NewAgency,
  PageApplied,
  QuarantineEntry,
  IndexedRevision,
  RawCapture,
  RecordFilter,
  RecordStatus,
  RecordVersion,
  SearchDocument,
  SyncRun,
  SyncState,
  Tombstone,
} from '@verbatim/core';
import { AccountRepository } from './account.repository';
import { PageApplier } from './apply-page';
import { CaptureChainRepository } from './integrity/capture-chain.repository';
import { ArchiveTotalsRepository } from './archive-totals.repository';
import { AuditRepository } from './audit.repository';
import { RecordLifecycle } from './record-lifecycle';
import { RecordRepository } from './record.repository';
import { SyncStateRepository } from './sync-state.repository';
import { SyncRunRepository } from './sync-run.repository';
import { TokenRepository } from './token.repository';

/**
 * The catalog on PostgreSQL (the scaled-out deployment), shared by any number of API and worker processes.
 * Every method that writes more than one row is one transaction; rows read in order to decide a write are
 * locked first (see PageApplier), so concurrent workers never number a version twice or lose a count.
 */
export class PostgresCatalog implements Catalog {
  private readonly accounts: AccountRepository;
  private readonly tokens: TokenRepository;
  private readonly syncStates: SyncStateRepository;
  private readonly syncRuns: SyncRunRepository;
  private readonly pages: PageApplier;
  private readonly captureChain: CaptureChainRepository;
  private readonly records: RecordRepository;
  private readonly lifecycle: RecordLifecycle;
  private readonly audit: AuditRepository;
  private readonly totals: ArchiveTotalsRepository;
  private closing: Promise<void> | null = null;

  /** Expects a pool on a migrated schema; `openPostgresCatalog` creates and migrates one. Takes ownership of it. */
  constructor(private readonly pool: Pool) {
    this.accounts = new AccountRepository(pool);
    this.tokens = new TokenRepository(pool);
    this.syncStates = new SyncStateRepository(pool);
    this.syncRuns = new SyncRunRepository(pool);
    this.captureChain = new CaptureChainRepository(pool);
    this.pages = new PageApplier(pool, this.accounts, this.syncStates, this.captureChain);
    this.records = new RecordRepository(pool);
    this.lifecycle = new RecordLifecycle(pool, this.accounts);
    this.audit = new AuditRepository(pool);
    this.totals = new ArchiveTotalsRepository(pool);
  }

  /** Validates the input; the id and creation time are assigned here. */
  createAgency(input: NewAgency): Promise<Agency> {
    return this.accounts.createAgency(input);
  }

  /** Null when there is no agency with this id. */
  getAgency(id: string): Promise<Agency | null> {
    return this.accounts.getAgency(id);
  }

  /** Alphabetical by name. */
  listAgencies(): Promise<Agency[]> {
    return this.accounts.listAgencies();
  }

  /** Throws UnknownReferenceError when the agency does not exist. */
  createAccount(input: NewAccount): Promise<Account> {
    return this.accounts.createAccount(input);
  }

  /** Null when there is no account with this id. */
  getAccount(id: string): Promise<Account | null> {
    return this.accounts.getAccount(id);
  }

  /** Oldest first. */
  listAccounts(filter?: { agencyId?: string; status?: AccountStatus[] }): Promise<Account[]> {
    return this.accounts.listAccounts(filter);
  }

  /** Throws UnknownReferenceError when the patch moves the account to an agency that does not exist. */
  updateAccount(id: string, patch: AccountPatch): Promise<Account | null> {
    return this.accounts.updateAccount(id, patch);
  }

  /** Validates the roles; only the secret's SHA-256 is stored. Throws when that hash is already registered. */
  createToken(input: NewApiTokenRecord, announce?: (token: ApiToken) => OutboxNotice[]): Promise<ApiToken> {
    return this.tokens.createToken(input, announce);
  }

  /** Null when no token has this secret hash. */
  findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null> {
    return this.tokens.findTokenBySecretSha256(secretSha256);
  }

  /** Used at start to decide whether to create the bootstrap admin token. */
  countTokens(): Promise<number> {
    return this.tokens.countTokens();
  }

  /** Every token without its secret, oldest first. */
  listTokens(): Promise<ApiToken[]> {
    return this.tokens.listTokens();
  }

  /** Keeps the first revocation's instant; null when no token has this id. */
  revokeToken(id: string, at: string): Promise<ApiToken | null> {
    return this.tokens.revokeToken(id, at);
  }

  /** Status `never` with pass number 0 for an account that has not synced (or does not exist). */
  getSyncState(accountId: string): Promise<SyncState> {
    return this.syncStates.getSyncState(accountId);
  }

  /** Resets the pass counters; keeps the last completed pass's token. Throws UnknownReferenceError. */
  startPass(accountId: string, passNumber: number, passToken: string, firstCursor: string, at: string): Promise<void> {
    return this.syncStates.startPass(accountId, passNumber, passToken, firstCursor, at);
  }

  /**
   * `quarantined` counts rows newly written, so re-applying a page reports 0; `unchanged` counts items whose
   * content did not change, including those whose status did (they are still in `changed`). A cursor is saved
   * only while `passNumber` is the account's current pass. Throws UnknownReferenceError for an unknown account.
   */
  applyPage(input: ApplyPageInput): Promise<PageApplied> {
    return this.pages.apply(input);
  }

  recordCapture(capture: RawCapture): Promise<boolean> {
    return this.pages.recordCapture(capture);
  }

  readCaptureChain(accountId: string): Promise<CaptureChain> {
    return this.captureChain.read(accountId);
  }

  listArchivedMedia(accountId: string): Promise<Array<{ sha256: string; key: string }>> {
    return this.captureChain.listArchivedMedia(accountId);
  }

  /** Least recently seen first; deleted records are left out. */
  listUnseen(accountId: string, passNumber: number): Promise<Array<{ id: string; platformId: string }>> {
    return this.records.listUnseen(accountId, passNumber);
  }

  /** Idempotent: records already deleted, unknown, or of another account are skipped. */
  markGone(accountId: string, recordIds: string[], detectedAt: string): Promise<SearchDocument[]> {
    return this.lifecycle.markGone(accountId, recordIds, detectedAt);
  }

  /** Sets the last completed pass token to this pass's. Throws StalePassError if another pass is current. */
  completePass(accountId: string, passNumber: number, at: string): Promise<void> {
    return this.syncStates.completePass(accountId, passNumber, at);
  }

  /** Keeps the pass token and cursor so the pass can resume; ignored for a pass that is no longer current. */
  failStart(accountId: string, error: string): Promise<void> {
    return this.syncStates.failStart(accountId, error);
  }

  failPass(accountId: string, passNumber: number, error: string, at: string): Promise<void> {
    return this.syncStates.failPass(accountId, passNumber, error, at);
  }

  recordSyncRun(run: SyncRun): Promise<void> {
    return this.syncRuns.record(run);
  }

  listSyncRuns(accountId: string, limit: number): Promise<SyncRun[]> {
    return this.syncRuns.listRecent(accountId, limit);
  }

  /** In record-creation order. */
  listIndexBacklog(limit: number): Promise<SearchDocument[]> {
    return this.lifecycle.listIndexBacklog(limit);
  }

  /** Ids not queued are ignored. */
  clearIndexBacklog(indexed: IndexedRevision[]): Promise<void> {
    return this.lifecycle.clearIndexBacklog(indexed);
  }

  /** In record-creation (seq) order; `afterId` is the last id of the previous batch. */
  listSearchDocuments(afterId: string | null, limit: number): Promise<SearchDocument[]> {
    return this.records.listSearchDocuments(afterId, limit);
  }

  /** At most `size` distinct documents, fewer when records are few; empty for an empty catalog. */
  sampleSearchDocuments(size: number): Promise<SearchDocument[]> {
    return this.records.sampleSearchDocuments(size);
  }

  /** Null when there is no record with this id. */
  getRecord(id: string): Promise<ArchiveRecord | null> {
    return this.records.getRecord(id);
  }

  /** In the order of `ids`; unknown ids are left out. */
  getRecords(ids: string[]): Promise<ArchiveRecord[]> {
    return this.records.getRecords(ids);
  }

  /** Null when the account has no record of this platform item. */
  getRecordByPlatformId(accountId: string, platformId: string): Promise<ArchiveRecord | null> {
    return this.records.getRecordByPlatformId(accountId, platformId);
  }

  /** Oldest first by postedAt. */
  listReplies(accountId: string, parentPlatformId: string): Promise<ArchiveRecord[]> {
    return this.records.listReplies(accountId, parentPlatformId);
  }

  /** Ascending by version; empty for an unknown record. */
  listVersions(recordId: string): Promise<RecordVersion[]> {
    return this.records.listVersions(recordId);
  }

  /** The open tombstone; a record restored on the platform has none (its old tombstone is kept in the table). */
  getTombstone(recordId: string): Promise<Tombstone | null> {
    return this.records.getTombstone(recordId);
  }

  /** Every record, or those of one account and/or status. */
  countRecords(filter?: RecordFilter): Promise<number> {
    return this.records.countRecords(filter);
  }

  /** Every status present, 0 when none. */
  countRecordsByStatus(): Promise<Record<RecordStatus, number>> {
    return this.totals.countRecordsByStatus();
  }

  /** Hours as `YYYY-MM-DDTHH` (UTC), oldest first; hours without a capture are absent. */
  countCapturesByHour(since: string): Promise<CaptureCount[]> {
    return this.totals.countCapturesByHour(since);
  }

  /** Keyed by source URL; URLs never archived for this account are absent. */
  findArchivedMedia(accountId: string, sourceUrls: string[]): Promise<Map<string, Attachment>> {
    return this.records.findArchivedMedia(accountId, sourceUrls);
  }

  /** The capture's metadata (its bytes are in the object store under `key`); null when unknown. */
  getCapture(sha256: string): Promise<RawCapture | null> {
    return this.records.getCapture(sha256);
  }

  /** Oldest first. */
  listQuarantine(accountId?: string): Promise<QuarantineEntry[]> {
    return this.records.listQuarantine(accountId);
  }

  /** Stamped with the current time; the table's trigger refuses any later change. */
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.audit.appendAudit(entry);
  }

  /** Newest first. */
  listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>> {
    return this.audit.listAudit(limit);
  }

  /** Newest first, a page at a time. */
  listAuditEntries(query: AuditQuery): Promise<AuditPage> {
    return this.audit.listAuditEntries(query);
  }

  /** Walks the hash chain from entry 1 (see AuditChainWalker). */
  verifyAuditChain(): Promise<AuditChainReport> {
    return this.audit.verifyAuditChain();
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Ends the pool once, after the queries in flight; closing twice is harmless. */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}
