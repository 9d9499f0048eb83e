import type Database from 'better-sqlite3';
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
import { ArchiveTotalsRepository } from './archive-totals.repository';
import { AuditRepository } from './audit.repository';
import { connectionPageWriter, type PageWriter } from './page-writer';
import { RecordLifecycle } from './record-lifecycle';
import { RecordRepository } from './record.repository';
import { StandaloneCaptureWriter } from './standalone-capture';
import { CaptureChainRepository } from './integrity/capture-chain.repository';
import { SyncStateRepository } from './sync-state.repository';
import { SyncRunRepository } from './sync-run.repository';
import { TokenRepository } from './token.repository';

/**
 * The catalog on SQLite (the embedded deployment). better-sqlite3 is synchronous; the port is asynchronous so
 * PostgreSQL can implement it too, hence every method is `async` and does its work at once. Each method that
 * writes more than one row runs in one IMMEDIATE transaction, taking the write lock before reading so
 * concurrent writers never deadlock on a lock upgrade.
 */
export class SqliteCatalog implements Catalog {
  private readonly accounts: AccountRepository;
  private readonly tokens: TokenRepository;
  private readonly syncStates: SyncStateRepository;
  private readonly syncRuns: SyncRunRepository;
  private readonly pages: PageWriter;
  private readonly records: RecordRepository;
  private readonly lifecycle: RecordLifecycle;
  private readonly audit: AuditRepository;
  private readonly totals: ArchiveTotalsRepository;
  private readonly captures: StandaloneCaptureWriter;
  private readonly captureChain: CaptureChainRepository;

  /**
   * Expects a database already migrated; `openSqliteCatalog` opens, configures and migrates one.
   * `idMergeThreshold` is the id index's tail length (see RecordIdIndex); tests lower it to exercise merges.
   */
  constructor(
    private readonly db: Database.Database,
    options: { idMergeThreshold?: number; pageWriter?: PageWriter } = {},
  ) {
    this.accounts = new AccountRepository(db);
    this.tokens = new TokenRepository(db);
    this.syncStates = new SyncStateRepository(db);
    this.syncRuns = new SyncRunRepository(db);
    this.records = new RecordRepository(db);
    this.lifecycle = new RecordLifecycle(db);
    this.pages = options.pageWriter ?? connectionPageWriter(db, options.idMergeThreshold);
    this.audit = new AuditRepository(db);
    this.totals = new ArchiveTotalsRepository(db);
    this.captures = new StandaloneCaptureWriter(db);
    this.captureChain = new CaptureChainRepository(db);
  }

  /** Validates the input; the id and creation time are assigned here. */
  async createAgency(input: NewAgency): Promise<Agency> {
    return this.accounts.createAgency(input);
  }

  /** Null when there is no agency with this id. */
  async getAgency(id: string): Promise<Agency | null> {
    return this.accounts.getAgency(id);
  }

  /** Alphabetical by name. */
  async listAgencies(): Promise<Agency[]> {
    return this.accounts.listAgencies();
  }

  /** Throws UnknownReferenceError when the agency does not exist. */
  async createAccount(input: NewAccount): Promise<Account> {
    return this.accounts.createAccount(input);
  }

  /** Null when there is no account with this id. */
  async getAccount(id: string): Promise<Account | null> {
    return this.accounts.getAccount(id);
  }

  /** Oldest first. */
  async listAccounts(filter?: { agencyId?: string; status?: AccountStatus[] }): Promise<Account[]> {
    return this.accounts.listAccounts(filter);
  }

  /** Throws UnknownReferenceError when the patch moves the account to an agency that does not exist. */
  async updateAccount(id: string, patch: AccountPatch): Promise<Account | null> {
    return this.accounts.updateAccount(id, patch);
  }

  /** Validates the roles; only the secret's SHA-256 is stored. Throws when that hash is already registered. */
  async createToken(input: NewApiTokenRecord, announce?: (token: ApiToken) => OutboxNotice[]): Promise<ApiToken> {
    return this.tokens.createToken(input, announce);
  }

  /** Null when no token has this secret hash. */
  async findTokenBySecretSha256(secretSha256: string): Promise<ApiToken | null> {
    return this.tokens.findTokenBySecretSha256(secretSha256);
  }

  /** Used at start to decide whether to create the bootstrap admin token. */
  async countTokens(): Promise<number> {
    return this.tokens.countTokens();
  }

  /** Every token without its secret, oldest first. */
  async listTokens(): Promise<ApiToken[]> {
    return this.tokens.listTokens();
  }

  /** Keeps the first revocation's instant; null when no token has this id. */
  async revokeToken(id: string, at: string): Promise<ApiToken | null> {
    return this.tokens.revokeToken(id, at);
  }

  /** Status `never` with pass number 0 for an account that has not synced (or does not exist). */
  async getSyncState(accountId: string): Promise<SyncState> {
    return this.syncStates.getSyncState(accountId);
  }

  /** Resets the pass counters; keeps the last completed pass's token. Throws UnknownReferenceError. */
  async startPass(
    accountId: string,
    passNumber: number,
    passToken: string,
    firstCursor: string,
    at: string,
  ): Promise<void> {
    this.accounts.requireAccount(accountId);
    this.syncStates.startPass(accountId, passNumber, passToken, firstCursor, at);
  }

  /**
   * `quarantined` counts rows newly written, so re-applying a page reports 0; `unchanged` counts items whose
   * content did not change, including those whose status did (they are still in `changed`). A cursor is saved
   * only while `passNumber` is the account's current pass. Throws UnknownReferenceError for an unknown account.
   */
  async applyPage(input: ApplyPageInput): Promise<PageApplied> {
    // Read per page, not cached: another process (the API) may move the account to another agency meanwhile.
    const account = this.accounts.requireAccount(input.accountId);
    return this.pages.apply(input, account);
  }

  async recordCapture(capture: RawCapture): Promise<boolean> {
    this.accounts.requireAccount(capture.accountId);
    return this.captures.record(capture);
  }

  async readCaptureChain(accountId: string): Promise<CaptureChain> {
    return this.captureChain.read(accountId);
  }

  async listArchivedMedia(accountId: string): Promise<Array<{ sha256: string; key: string }>> {
    return this.captureChain.listArchivedMedia(accountId);
  }

  /** Least recently seen first; deleted records are left out. */
  async listUnseen(accountId: string, passNumber: number): Promise<Array<{ id: string; platformId: string }>> {
    return this.records.listUnseen(accountId, passNumber);
  }

  /** Idempotent: records already deleted, unknown, or of another account are skipped. */
  async markGone(accountId: string, recordIds: string[], detectedAt: string): Promise<SearchDocument[]> {
    return this.lifecycle.markGone(accountId, recordIds, detectedAt);
  }

  /** Sets the last completed pass token to this pass's. Throws StalePassError if another pass is current. */
  async completePass(accountId: string, passNumber: number, at: string): Promise<void> {
    this.syncStates.completePass(accountId, passNumber, at);
  }

  /** Keeps the pass token and cursor so the pass can resume; ignored for a pass that is no longer current. */
  async failStart(accountId: string, error: string): Promise<void> {
    this.syncStates.failStart(accountId, error);
  }

  async failPass(accountId: string, passNumber: number, error: string, at: string): Promise<void> {
    this.syncStates.failPass(accountId, passNumber, error, at);
  }

  async recordSyncRun(run: SyncRun): Promise<void> {
    this.syncRuns.record(run);
  }

  async listSyncRuns(accountId: string, limit: number): Promise<SyncRun[]> {
    return this.syncRuns.listRecent(accountId, limit);
  }

  /** In record-creation order. */
  async listIndexBacklog(limit: number): Promise<SearchDocument[]> {
    return this.lifecycle.listIndexBacklog(limit);
  }

  /** Ids not queued are ignored. */
  async clearIndexBacklog(indexed: IndexedRevision[]): Promise<void> {
    await this.pages.clearIndexBacklog(indexed);
  }

  /** In record-creation (rowid) order; `afterId` is the last id of the previous batch. */
  async listSearchDocuments(afterId: string | null, limit: number): Promise<SearchDocument[]> {
    return this.records.listSearchDocuments(afterId, limit);
  }

  async sampleSearchDocuments(size: number): Promise<SearchDocument[]> {
    return this.records.sampleSearchDocuments(size);
  }

  /** Null when there is no record with this id. */
  async getRecord(id: string): Promise<ArchiveRecord | null> {
    return this.records.getRecord(id);
  }

  /** In the order of `ids`; unknown ids are left out. */
  async getRecords(ids: string[]): Promise<ArchiveRecord[]> {
    return this.records.getRecords(ids);
  }

  /** Null when the account has no record of this platform item. */
  async getRecordByPlatformId(accountId: string, platformId: string): Promise<ArchiveRecord | null> {
    return this.records.getRecordByPlatformId(accountId, platformId);
  }

  /** Oldest first by postedAt. */
  async listReplies(accountId: string, parentPlatformId: string): Promise<ArchiveRecord[]> {
    return this.records.listReplies(accountId, parentPlatformId);
  }

  /** Ascending by version; empty for an unknown record. */
  async listVersions(recordId: string): Promise<RecordVersion[]> {
    return this.records.listVersions(recordId);
  }

  /** The open tombstone; a record restored on the platform has none (its old tombstone is kept in the table). */
  async getTombstone(recordId: string): Promise<Tombstone | null> {
    return this.records.getTombstone(recordId);
  }

  /** Every record, or those of one account and/or status. */
  async countRecords(filter?: RecordFilter): Promise<number> {
    return this.records.countRecords(filter);
  }

  /** Every status present, 0 when none. */
  async countRecordsByStatus(): Promise<Record<RecordStatus, number>> {
    return this.totals.countRecordsByStatus();
  }

  /** Hours as `YYYY-MM-DDTHH` (UTC), oldest first; hours without a capture are absent. */
  async countCapturesByHour(since: string): Promise<CaptureCount[]> {
    return this.totals.countCapturesByHour(since);
  }

  /** Keyed by source URL; URLs never archived for this account are absent. */
  async findArchivedMedia(accountId: string, sourceUrls: string[]): Promise<Map<string, Attachment>> {
    return this.records.findArchivedMedia(accountId, sourceUrls);
  }

  /** The capture's metadata (its bytes are in the object store under `key`); null when unknown. */
  async getCapture(sha256: string): Promise<RawCapture | null> {
    return this.records.getCapture(sha256);
  }

  /** Oldest first. */
  async listQuarantine(accountId?: string): Promise<QuarantineEntry[]> {
    return this.records.listQuarantine(accountId);
  }

  /** Stamped with the current time; the table's triggers refuse any later change. */
  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.appendAudit(entry);
  }

  /** Newest first. */
  async listAudit(limit: number): Promise<Array<AuditEntry & { id: number; at: string }>> {
    return this.audit.listAudit(limit);
  }

  /** Newest first, a page at a time. */
  async listAuditEntries(query: AuditQuery): Promise<AuditPage> {
    return this.audit.listAuditEntries(query);
  }

  /** Walks the hash chain from entry 1 (see AuditChainWalker). */
  async verifyAuditChain(): Promise<AuditChainReport> {
    return this.audit.verifyAuditChain();
  }

  /** Throws when the database cannot answer. */
  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** Closes the shared handle: close the search index that borrowed it first. Closing twice is harmless. */
  async close(): Promise<void> {
    await this.pages.close();
    if (this.db.open) this.db.close();
  }
}
