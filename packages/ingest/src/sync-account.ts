import {
  Account,
  Catalog,
  Connector,
  PlatformRateLimiter,
  ConnectorPage,
  ObjectStore,
  PassStart,
  PreparedItem,
  RateLimitedError,
  RawCapture,
  SearchDocument,
  SearchIndex,
  SyncStateStore,
  rawCaptureKey,
  sha256Hex,
} from '@verbatim/core';
import { archiveItems } from './archive-media';
import { withoutEarlierVersions } from './imports/earlier-versions';
import { clearIndexed, flushIndexBacklog } from './index-backlog';
import { tombstoneVanished } from './tombstone-vanished';
import { withPlatformBudget } from './platform-budget';

export interface SyncDependencies {
  catalog: Catalog;
  objectStore: ObjectStore;
  searchIndex: SearchIndex;
  createConnector(config: Account['connector']): Connector;
  /** The platforms' call budgets shared by every worker (PLATFORM_RATE_LIMITS); none when absent. */
  rateLimiter?: PlatformRateLimiter;
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
  /** What the platform would not give (the connector's notices), each once. */
  notices: string[];
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
export async function syncAccount(
  deps: SyncDependencies,
  accountId: string,
  options: SyncOptions = {},
): Promise<SyncResult> {
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
  const connector = withPlatformBudget(deps.createConnector(account.connector), deps.rateLimiter, account.platform);
  const now = deps.now ?? (() => new Date());
  await flushIndexBacklog(deps);

  const pass = await openPass(deps.catalog, connector, accountId, now, options.signal);
  const progress: SyncProgress = {
    passNumber: pass.passNumber,
    pages: 0,
    items: 0,
    created: 0,
    newVersions: 0,
    quarantined: 0,
    tombstoned: 0,
    mediaArchived: 0,
    notices: [],
    phase: 'fetching',
  };
  await applyPages(deps, connector, account, pass, progress, now, options);
  progress.phase = 'checking-deletions';
  await options.onProgress?.({ ...progress });
  throwIfAborted(options.signal);
  progress.tombstoned = await tombstoneVanished(deps, connector, accountId, pass, now().toISOString(), options.signal);
  await deps.catalog.completePass(accountId, pass.passNumber, now().toISOString());
  progress.phase = 'done';
  await options.onProgress?.({ ...progress });
  return { ...progress, resumed: pass.resumed };
}

async function openPass(
  catalog: SyncStateStore,
  connector: Connector,
  accountId: string,
  now: () => Date,
  signal?: AbortSignal,
): Promise<OpenPass> {
  const state = await catalog.getSyncState(accountId);
  const unfinished = (state.status === 'running' || state.status === 'failed') && state.passToken !== null;
  if (unfinished) {
    return { passNumber: state.passNumber, passToken: state.passToken!, cursor: state.cursor, resumed: true };
  }
  let start: PassStart;
  try {
    start = await connector.beginPass(state.lastCompletedPassToken, signal);
  } catch (error) {
    // A refused token or an unknown account fails here, before any pass exists: the account must still say so.
    const waiting = error instanceof RateLimitedError || signal?.aborted;
    if (!waiting) await catalog.failStart(accountId, (error as Error).message);
    throw error;
  }
  const passNumber = state.passNumber + 1;
  await catalog.startPass(accountId, passNumber, start.passToken, start.firstCursor, now().toISOString());
  return { passNumber, passToken: start.passToken, cursor: start.firstCursor, resumed: false };
}

/** Pages fetched and being stored ahead of the one being applied. */
const PAGES_AHEAD = 4;

/**
 * A stored page: what applying it needs, and no more. The connector's page (its raw bytes, its items before
 * preparing) is let go once stored, so pages waiting to be applied do not keep it in memory.
 */
interface FetchedPage {
  capture: RawCapture;
  items: PreparedItem[];
  rejected: ConnectorPage['rejected'];
  nextCursor: string | null;
  mediaArchived: number;
  notices: string[];
}

/**
 * Fetches pages in order and applies them in order, with up to PAGES_AHEAD pages fetched and being stored
 * (raw bytes, media: I/O that runs off the main thread and whose fsyncs coalesce) while earlier ones are
 * applied. Storing ahead is harmless: objects are content-addressed, and the cursor saved with each applied
 * page still names the next page to apply. One page is applied at a time; while the catalog applies it (on a
 * thread of its own where it has one), this thread indexes the page before and fetches and parses the next.
 * A page is sent to the catalog only once the one before it committed, so a failed page never lets a later
 * cursor be saved. A fetch error is raised after the pages before it are applied.
 */
async function applyPages(
  deps: SyncDependencies,
  connector: Connector,
  account: Account,
  pass: OpenPass,
  progress: SyncProgress,
  now: () => Date,
  options: SyncOptions,
): Promise<void> {
  const storing: Array<Promise<FetchedPage>> = [];
  const indexing = new IndexingInFlight(deps);
  let applying: Promise<SearchDocument[]> | null = null;
  let cursor = pass.cursor;
  let fetchError: { error: unknown } | null = null;
  try {
    for (;;) {
      while (cursor !== null && storing.length < PAGES_AHEAD) {
        try {
          const page = await connector.fetchPage(pass.passToken, cursor, options.signal);
          const stored = storePage(deps, connector, account, page, now, options.signal);
          stored.catch(() => undefined); // surfaces when awaited below, in order
          storing.push(stored);
          cursor = page.nextCursor;
        } catch (error) {
          fetchError = { error };
          cursor = null;
        }
      }
      if (applying === null && storing.length === 0) break;
      const changed = applying === null ? null : await applying;
      // Taken now: the next page's counts are added when its apply resolves, which may be before the report.
      const report = { ...progress };
      applying = null;
      if (storing.length > 0) {
        const fetched = await storing.shift()!;
        throwIfAborted(options.signal);
        applying = applyFetchedPage(deps, account, pass, fetched, progress, connector.replaysHistory === true);
        applying.catch(() => undefined); // surfaces when awaited above, on the next turn
      }
      if (changed !== null) {
        await indexing.start(changed);
        await options.onProgress?.(report);
      }
    }
    await indexing.finish();
  } finally {
    // On an error, the page being applied and the batches being indexed and cleared settle before the error
    // leaves the sync, so none of them is still running when the caller closes the catalog or the index.
    await applying?.catch(() => undefined);
    await indexing.settled();
  }
  if (fetchError !== null) throw fetchError.error;
}

/**
 * Indexes each applied page's changes while the next page is applied: one batch being indexed at a time, in
 * page order. Once a batch is indexed its backlog entries are cleared, but the next batch does not wait for
 * that: the clear queues behind the page being applied on the catalog's thread, and waiting for it would keep
 * the index idle while the catalog works and the catalog idle while the index works. The catalog queued every
 * change in its backlog when it applied the page, so a batch lost to a crash, indexed or not yet cleared, is
 * indexed again on the next run (see flushIndexBacklog).
 */
class IndexingInFlight {
  private indexing: Promise<void> = Promise.resolve();
  private readonly clearing = new Set<Promise<void>>();
  private clearFailed: { error: unknown } | null = null;

  constructor(private readonly deps: SyncDependencies) {}

  /** Waits until the batch being indexed is, then starts this one; a failed earlier batch or clear throws. */
  async start(documents: SearchDocument[]): Promise<void> {
    await this.indexing;
    if (this.clearFailed) throw this.clearFailed.error;
    if (documents.length === 0) return;
    const indexed = this.deps.searchIndex.upsert(documents);
    indexed.catch(() => undefined); // surfaces at the next start() or finish()
    this.indexing = indexed;
    const cleared: Promise<void> = indexed
      .then(
        async () => {
          try {
            await clearIndexed(this.deps.catalog, documents);
          } catch (error) {
            this.clearFailed ??= { error };
          }
        },
        () => undefined, // a batch that failed to index surfaces through `indexing`
      )
      .finally(() => {
        this.clearing.delete(cleared);
      });
    this.clearing.add(cleared);
  }

  /** Waits for the batch being indexed and every clear; throws the first failure. */
  async finish(): Promise<void> {
    await this.settled();
    await this.indexing;
    if (this.clearFailed) throw this.clearFailed.error;
  }

  /** Waits until nothing is being indexed or cleared, whatever the outcome. */
  async settled(): Promise<void> {
    await Promise.allSettled([this.indexing, ...this.clearing]);
  }
}

/** Stores what must be archived before a page is applied: its raw bytes and its media. */
async function storePage(
  deps: SyncDependencies,
  connector: Connector,
  account: Account,
  page: ConnectorPage,
  now: () => Date,
  signal?: AbortSignal,
): Promise<FetchedPage> {
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
  return {
    capture,
    items: archived.items,
    rejected: page.rejected,
    nextCursor: page.nextCursor,
    mediaArchived: archived.mediaArchived,
    notices: page.notices ?? [],
  };
}

/** Applies a stored page to the catalog (with the cursor of the next page); returns what must be indexed. */
async function applyFetchedPage(
  deps: SyncDependencies,
  account: Account,
  pass: OpenPass,
  fetched: FetchedPage,
  progress: SyncProgress,
  replaysHistory: boolean,
): Promise<SearchDocument[]> {
  // Read only now, once the page before is applied: an earlier version is one the catalog holds at this point.
  const items = replaysHistory
    ? (await withoutEarlierVersions(deps.catalog, account.id, fetched.items)).items
    : fetched.items;
  const applied = await deps.catalog.applyPage({
    accountId: account.id,
    passNumber: pass.passNumber,
    capture: fetched.capture,
    items,
    rejected: fetched.rejected,
    nextCursor: fetched.nextCursor,
    capturedAt: fetched.capture.capturedAt,
  });
  progress.pages += 1;
  progress.items += fetched.items.length;
  progress.created += applied.created;
  progress.newVersions += applied.newVersions;
  progress.quarantined += applied.quarantined;
  progress.mediaArchived += fetched.mediaArchived;
  for (const notice of fetched.notices) if (!progress.notices.includes(notice)) progress.notices.push(notice);
  return applied.changed;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new SyncInterruptedError('sync interrupted by shutdown; it resumes from its saved cursor');
}
