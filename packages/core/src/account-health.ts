import { isAccountPolled, type Account } from './account.schema';
import type { SyncState } from './ports/sync-state-store.port';

/** How an account's archiving goes: capturing on time, its last pass failed, or too long without a success. */
export type AccountHealthState = 'healthy' | 'failing' | 'stale';

export interface AccountHealth {
  state: AccountHealthState;
  /** The problem in plain words; null when healthy. */
  problem: string | null;
  /** What to do about it, in plain words; null when healthy. */
  advice: string | null;
  /** The error the last failed pass recorded, as the connector said it; null unless failing. */
  error: string | null;
  /** When the last pass completed; null before any did. */
  lastSuccessAt: string | null;
}

/** What the rule reads of an account. */
export type AccountHealthFacts = Pick<Account, 'status' | 'syncIntervalMinutes' | 'createdAt'> & {
  connector?: { type: string };
};
/** What the rule reads of its sync state. */
export type SyncHealthFacts = Pick<SyncState, 'status' | 'lastCompletedAt' | 'lastError'>;

/**
 * The health rule: an account on the schedule is failing when its last pass failed (or the last one could not
 * begin), and stale when its last successful sync (or, before any, its registration) is more than twice its sync
 * interval ago; a failure is reported first. Accounts off the schedule (pending approval, retired, import-only) are not tracked: null.
 */
export function assessAccountHealth(
  account: AccountHealthFacts,
  sync: SyncHealthFacts,
  now: Date,
): AccountHealth | null {
  if (!isAccountPolled(account)) return null;
  const lastSuccessAt = sync.lastCompletedAt;
  // A failed pass, or a pass that could not begin (the platform refused the token): the state keeps its error.
  if (sync.status === 'failed' || (sync.status !== 'running' && sync.lastError !== null)) {
    const error = sync.lastError ?? 'the last sync failed without saying why';
    return {
      state: 'failing',
      problem: `The last sync failed: ${error}`,
      advice: adviceForFailure(error),
      error,
      lastSuccessAt,
    };
  }
  const since = Date.parse(lastSuccessAt ?? account.createdAt);
  const intervalMs = account.syncIntervalMinutes * 60_000;
  if (now.getTime() - since <= 2 * intervalMs)
    return { state: 'healthy', problem: null, advice: null, error: null, lastSuccessAt };
  const ago = describeDuration(now.getTime() - since);
  const interval = describeDuration(intervalMs);
  return {
    state: 'stale',
    problem: lastSuccessAt
      ? `No successful capture for ${ago}, though it syncs every ${interval}.`
      : `Never captured successfully in the ${ago} since it was registered, though it syncs every ${interval}.`,
    advice: STALE_ADVICE,
    error: null,
    lastSuccessAt,
  };
}

const STALE_ADVICE =
  'Syncs are not finishing. Check that the worker is running (the health check at /healthz answers "ok"), then press "Sync now" on the account and watch it finish; if it does not, send this page to your support contact.';

const ADVICE: Array<[RegExp, string]> = [
  [
    /rate.?limit|too many requests|\b429\b/i,
    'The platform asked us to slow down. Nothing to do: the sync waits as asked and resumes by itself.',
  ],
  [
    /connector config|invalid .* config/i,
    'The connector settings are not valid. Correct them in "Change settings" on the account page; the next sync uses them.',
  ],
  [
    /\b40[13]\b|unauthori[sz]ed|forbidden|credential|expired token|invalid token|access token|permission/i,
    'The platform rejected the credentials. Get a new token from the account\'s administrators, enter it in "Change settings" on the account page, then press "Sync now".',
  ],
  [
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|timed? ?out|network|socket|unreachable/i,
    'The platform could not be reached. The next scheduled sync tries again; if this keeps happening, check that this server can reach the internet.',
  ],
];

/** What to do about a failure, in plain words, from the error the sync recorded. */
export function adviceForFailure(error: string): string {
  const match = ADVICE.find(([pattern]) => pattern.test(error));
  return match
    ? match[1]
    : 'The next scheduled sync tries again by itself. If it keeps failing, press "Sync now" once; if that fails too, send the error to your support contact.';
}

/** `3 hours`, `90 minutes`, `2 days`: a length of time as people say it, rounded down. */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * When the scheduler next syncs the account: one interval after its last pass ended (or began, or, before any,
 * after registration); `due` once that time has come, the sync being queued. Null off the schedule.
 */
export function nextScheduledSync(
  account: AccountHealthFacts,
  sync: Pick<SyncState, 'startedAt' | 'completedAt'>,
  now: Date,
): { at: string; due: boolean } | null {
  if (!isAccountPolled(account)) return null;
  const last = Date.parse(sync.completedAt ?? sync.startedAt ?? account.createdAt);
  const at = last + account.syncIntervalMinutes * 60_000;
  return { at: new Date(at).toISOString(), due: at <= now.getTime() };
}
