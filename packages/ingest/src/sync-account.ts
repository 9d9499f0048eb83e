import {
  Account,
  Catalog,
  Connector,
  ConnectorPage,
  ObjectStore,
  PreparedItem,
  RawCapture,
  SearchIndex,
  rawCaptureKey,
  sha256Hex,
} from '@verbatim/core';
import { archiveItems } from './archive-media';
import { flushIndexBacklog, indexDocuments } from './index-backlog';
import { tombstoneVanished } from './tombstone-vanished';

export interface SyncDependencies {
  catalog: Catalog;
  objectStore: ObjectStore;
  searchIndex: SearchIndex;
  createConnector(config: Account['connector']): Connector;
  now?: () => Date;
}

export interface SyncProgress {
  passNumber: number;
  pages: number;
  items: number;
  created: number;
  newVersions: number;
  quarantined: number;
  tombstoned: number;
  mediaArchived: number;
  phase: 'fetching' | 'checking-deletions' | 'done';
}

export interface SyncResult extends SyncProgress {
  resumed: boolean;
}

export interface SyncOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
}

export class AccountNotFoundError extends Error {
  override readonly name = 'AccountNotFoundError';
}

/** Thrown when a sync stops because the process is shutting down; its cursor is saved and it resumes later. */
export class SyncInterruptedError extends Error {
  override readonly name = 'SyncInterruptedError';
}

interface OpenPass {
  passNumber: number;
  passToken: string;
  cursor: string | null;
  resumed: boolean;
}

/**
 * Runs one pass of an account's connector to the end: every page is stored verbatim, its items upserted and
 * indexed, then items the platform confirms gone are tombstoned. A pass interrupted anywhere (crash, SIGKILL,
 * rate limit, shutdown) resumes from the cursor saved with its last applied page, so re-running is harmless.
 */
export async function syncAccount(deps: SyncDependencies, accountId: string, options: SyncOptions = {}): Promise<SyncResult> {
  try {
    return await runPass(deps, accountId, options);
  } catch (error) {
    // Whatever a connector throws when the signal aborts it (an AbortError, a closed socket) is a shutdown.
    if (options.signal?.aborted && !(error instanceof SyncInterruptedError)) throwIfAborted(options.signal);
    throw error;
  }
}

async function runPass(deps: SyncDependencies, accountId: string, options: SyncOptions): Promise<SyncResult> {
  const account = await deps.catalog.getAccount(accountId);
  if (!account) throw new AccountNotFoundError(`account ${accountId} does not exist`);
  const connector = deps.createConnector(account.connector);
  const now = deps.now ?? (() => new Date());
  await flushIndexBacklog(deps);

  const pass = await openPass(deps.catalog, connector, accountId, now, options.signal);
  const progress: SyncProgress = {
    passNumber: pass.passNumber, pages: 0, items: 0, created: 0, newVersions: 0,
    quarantined: 0, tombstoned: 0, mediaArchived: 0, phase: 'fetching',
  };
  // One page of look-ahead: the next page is fetched and its bytes stored (I/O, mostly off the main thread)
  // while the current one is applied to the catalog and index. Storing ahead is harmless: objects are
  // content-addressed, and the cursor saved with each applied page still names the next page to apply.
  let fetching = pass.cursor === null ? null : fetchAndStore(deps, connector, account, pass, pass.cursor, now, options.signal);
  while (fetching !== null) {
    const fetched = await fetching;
    throwIfAborted(options.signal);
    fetching = fetched.page.nextCursor === null ? null : fetchAndStore(deps, connector, account, pass, fetched.page.nextCursor, now, options.signal);
    fetching?.catch(() => undefined); // a failure surfaces when awaited, after the current page is applied
    await applyFetchedPage(deps, account, pass, fetched, progress);
    await options.onProgress?.({ ...progress });
  }
  progress.phase = 'checking-deletions';
  await options.onProgress?.({ ...progress });
  throwIfAborted(options.signal);
  progress.tombstoned = await tombstoneVanished(deps, connector, accountId, pass, now().toISOString(), options.signal);
  await deps.catalog.completePass(accountId, pass.passNumber, now().toISOString());
  progress.phase = 'done';
  await options.onProgress?.({ ...progress });
  return { ...progress, resumed: pass.resumed };
}

async function openPass(catalog: Catalog, connector: Connector, accountId: string, now: () => Date, signal?: AbortSignal): Promise<OpenPass> {
  const state = await catalog.getSyncState(accountId);
  const unfinished = (state.status === 'running' || state.status === 'failed') && state.passToken !== null;
  if (unfinished) {
    return { passNumber: state.passNumber, passToken: state.passToken!, cursor: state.cursor, resumed: true };
  }
  const start = await connector.beginPass(state.lastCompletedPassToken, signal);
  const passNumber = state.passNumber + 1;
  await catalog.startPass(accountId, passNumber, start.passToken, start.firstCursor, now().toISOString());
  return { passNumber, passToken: start.passToken, cursor: start.firstCursor, resumed: false };
}

interface FetchedPage {
  page: ConnectorPage;
  capture: RawCapture;
  items: PreparedItem[];
  mediaArchived: number;
}

/** Fetches a page and stores what must be archived before it is applied: its raw bytes and its media. */
async function fetchAndStore(
  deps: SyncDependencies,
  connector: Connector,
  account: Account,
  pass: OpenPass,
  cursor: string,
  now: () => Date,
  signal?: AbortSignal,
): Promise<FetchedPage> {
  const page = await connector.fetchPage(pass.passToken, cursor, signal);
  const sha256 = sha256Hex(page.raw);
  const capture: RawCapture = {
    sha256,
    key: rawCaptureKey(sha256),
    accountId: account.id,
    contentType: page.contentType,
    byteLength: page.raw.byteLength,
    source: page.source,
    capturedAt: now().toISOString(),
  };
  const [, archived] = await Promise.all([
    deps.objectStore.put(capture.key, page.raw, { contentType: page.contentType }),
    archiveItems(deps, connector, account.id, page.items, signal),
  ]);
  return { page, capture, items: archived.items, mediaArchived: archived.mediaArchived };
}

/** Applies a stored page to the catalog (with the cursor of the next page) and indexes what changed. */
async function applyFetchedPage(deps: SyncDependencies, account: Account, pass: OpenPass, fetched: FetchedPage, progress: SyncProgress): Promise<void> {
  const applied = await deps.catalog.applyPage({
    accountId: account.id,
    passNumber: pass.passNumber,
    capture: fetched.capture,
    items: fetched.items,
    rejected: fetched.page.rejected,
    nextCursor: fetched.page.nextCursor,
    capturedAt: fetched.capture.capturedAt,
  });
  await indexDocuments(deps, applied.changed);
  progress.pages += 1;
  progress.items += fetched.page.items.length;
  progress.created += applied.created;
  progress.newVersions += applied.newVersions;
  progress.quarantined += applied.quarantined;
  progress.mediaArchived += fetched.mediaArchived;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new SyncInterruptedError('sync interrupted by shutdown; it resumes from its saved cursor');
}
