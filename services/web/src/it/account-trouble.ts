import { SCHEDULED_ACCOUNT_STATUSES } from '@verbatim/core';
import type { AccountView } from '@verbatim/app';

/** Why an account needs IT's attention: its last pass failed, or it has gone too long without a successful sync. */
export type AccountTrouble = { kind: 'failing'; error: string } | { kind: 'stale'; lastSuccessAt: string | null };

/**
 * The staleness rule: an account on a schedule is stale when its last successful sync (or, before any, its
 * registration) is more than twice its sync interval ago. A failed last pass is reported first. Accounts off the
 * schedule (pending approval, retired) are never in trouble.
 */
export function findAccountTrouble(
  account: Pick<AccountView, 'status' | 'syncIntervalMinutes' | 'createdAt' | 'sync'>,
  now: Date,
): AccountTrouble | null {
  if (!SCHEDULED_ACCOUNT_STATUSES.includes(account.status)) return null;
  if (account.sync.status === 'failed')
    return { kind: 'failing', error: account.sync.lastError ?? 'the last sync failed' };
  const since = Date.parse(account.sync.lastCompletedAt ?? account.createdAt);
  const allowedMs = 2 * account.syncIntervalMinutes * 60_000;
  return now.getTime() - since > allowedMs ? { kind: 'stale', lastSuccessAt: account.sync.lastCompletedAt } : null;
}

const ADVICE: Array<[RegExp, string]> = [
  [
    /rate.?limit|too many requests|\b429\b/i,
    'The platform asked us to slow down. Nothing to do: the sync waits as asked and resumes by itself.',
  ],
  [
    /connector config|invalid .* config/i,
    'The connector settings are not valid. Correct them in "Change settings" below; the next sync uses them.',
  ],
  [
    /\b40[13]\b|unauthori[sz]ed|forbidden|credential|expired token|invalid token|access token|permission/i,
    'The platform rejected the credentials. Get a new token from the account\'s administrators, enter it in "Change settings" below, then press "Sync now".',
  ],
  [
    /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|timed? ?out|network|socket/i,
    'The platform could not be reached. The next scheduled sync tries again; if this keeps happening, check that this server can reach the internet.',
  ],
];

/** What to do about a failure, in plain words, from the error the sync recorded. */
export function adviceForFailure(error: string): string {
  const match = ADVICE.find(([pattern]) => pattern.test(error));
  return match
    ? match[1]
    : 'The next scheduled sync tries again by itself. If it keeps failing, press "Sync now" once; if that fails too, send the error above to your support contact.';
}
