import {
  Account,
  Catalog,
  Connector,
  ObjectStore,
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
  let cursor = pass.cursor;
  while (cursor !== null) {
    throwIfAborted(options.signal);
    cursor = await ingestPage(deps, connector, account, pass, cursor, progress, now, options.signal);
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

async function ingestPage(
  deps: SyncDependencies,
  connector: Connector,
  account: Account,
  pass: OpenPass,
  cursor: string,
  progress: SyncProgress,
  now: () => Date,
  signal?: AbortSignal,
): Promise<string | null> {
  const page = await connector.fetchPage(pass.passToken, cursor, signal);
  const capturedAt = now().toISOString();
  const sha256 = sha256Hex(page.raw);
  const capture: RawCapture = {
    sha256,
    key: rawCaptureKey(sha256),
    accountId: account.id,
    contentType: page.contentType,
    byteLength: page.raw.byteLength,
    source: page.source,
    capturedAt,
  };
  // The raw bytes are stored before anything derived from them, so every record can point at its original.
  await deps.objectStore.put(capture.key, page.raw, { contentType: page.contentType });
  const { items, mediaArchived } = await archiveItems(deps, connector, account.id, page.items, signal);
  const applied = await deps.catalog.applyPage({
    accountId: account.id,
    passNumber: pass.passNumber,
    capture,
    items,
    rejected: page.rejected,
    nextCursor: page.nextCursor,
    capturedAt,
  });
  await indexDocuments(deps, applied.changed);
  progress.pages += 1;
  progress.items += page.items.length;
  progress.created += applied.created;
  progress.newVersions += applied.newVersions;
  progress.quarantined += applied.quarantined;
  progress.mediaArchived += mediaArchived;
  return page.nextCursor;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new SyncInterruptedError('sync interrupted by shutdown; it resumes from its saved cursor');
}
