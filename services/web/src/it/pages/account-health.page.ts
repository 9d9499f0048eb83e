import type { AccountView } from '@verbatim/app';
import type { SyncRun } from '@verbatim/core';
import type { Delivery } from '@verbatim/foia';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';

/** What the notices section shows: the account's health notices to IT and the outcome of a "Send again". */
export interface NoticesSection {
  account: AccountView;
  /** Oldest first, as the store lists them. */
  notifications: Delivery[];
  notificationMessage?: { error: boolean; text: string };
  csrfToken: string;
  timeZone: string;
}

const HEALTH_WORDS = { healthy: 'Capturing on time', failing: 'Failing', stale: 'Stale' } as const;

/** How its archiving goes: the last success, the next sync, and the latest problem with what to do. */
export function healthSection(account: AccountView, timeZone: string): SafeHtml {
  const { health, nextSync, sync } = account;
  const next = !nextSync
    ? 'Not scheduled (only active and abandoned accounts are)'
    : nextSync.due
      ? 'now, queued'
      : localTime(nextSync.at, timeZone);
  return html`<section aria-labelledby="health-heading" class="stack">
  <h2 id="health-heading">Archiving health</h2>
  <dl class="facts">
    <dt>Health</dt><dd>${health ? HEALTH_WORDS[health.state] : 'Not tracked: the account is off the schedule'}</dd>
    <dt>Last successful capture</dt><dd>${sync.lastCompletedAt ? localTime(sync.lastCompletedAt, timeZone) : 'Never'}</dd>
    <dt>Next scheduled capture</dt><dd>${next}</dd>
    <dt>Passes so far</dt><dd>${sync.passNumber}</dd>
  </dl>
  ${
    health && health.state !== 'healthy'
      ? html`<div class="trouble" role="status">
    <h3>${health.state === 'failing' ? 'The last sync failed' : 'Captures are overdue'}</h3>
    <p>${health.problem ?? ''}</p>
    <p><strong>What to do:</strong> ${health.advice ?? ''}</p>
  </div>`
      : ''
  }
</section>`;
}

const OUTCOME_WORDS: Record<SyncRun['outcome'], string> = {
  completed: 'Completed',
  failed: 'Failed',
  paused: 'Paused',
};

/**
 * What the platform does not give this account, as the connector said during the current or last pass (the runs
 * back to the newest completed one): an access tier without search, say. Nothing when it gave everything.
 */
export function platformLimitsSection(runs: SyncRun[]): SafeHtml {
  const notices: string[] = [];
  for (const run of runs) {
    for (const notice of run.notices) if (!notices.includes(notice)) notices.push(notice);
    if (run.outcome === 'completed') break;
  }
  if (notices.length === 0) return html``;
  return html`<section aria-labelledby="limits-heading" class="stack">
  <h2 id="limits-heading">What the platform does not give this account</h2>
  <div class="trouble" role="status"><ul>${notices.map((notice) => html`<li>${notice}</li>`)}</ul></div>
</section>`;
}

/** Each recent run and what it captured: the record of whether archiving goes on. */
export function runsSection(runs: SyncRun[], timeZone: string): SafeHtml {
  const count = (value: number) => value.toLocaleString('en-US');
  return html`<section aria-labelledby="runs-heading" class="stack">
  <h2 id="runs-heading">Recent runs</h2>
  ${
    runs.length === 0
      ? html`<p>No sync has run yet. Press "Sync now", or wait for the next scheduled capture.</p>`
      : html`<div class="table-wrap" role="region" aria-label="Recent runs (scrolls sideways on narrow screens)" tabindex="0"><table>
    <caption>What each run captured, newest first</caption>
    <thead><tr><th scope="col">Started</th><th scope="col">Outcome</th><th scope="col">Pass</th><th scope="col">Pages</th><th scope="col">Items listed</th><th scope="col">New</th><th scope="col">Changed</th><th scope="col">Deleted</th><th scope="col">Media</th><th scope="col">Set aside</th></tr></thead>
    <tbody>${runs.map(
      (run) => html`<tr>
      <th scope="row">${localTime(run.startedAt, timeZone)}</th>
      <td>${OUTCOME_WORDS[run.outcome]}${run.resumed ? ' (resumed)' : ''}${run.error ? html`<br><span class="meta">${run.error}</span>` : ''}</td>
      <td>${run.passNumber}</td><td>${count(run.pages)}</td><td>${count(run.items)}</td><td>${count(run.created)}</td>
      <td>${count(run.newVersions)}</td><td>${count(run.tombstoned)}</td><td>${count(run.mediaArchived)}</td><td>${count(run.quarantined)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}

const EVENT_WORDS: Record<string, string> = {
  'account.failing': 'Archiving stopped',
  'account.stale': 'Archiving overdue',
  'account.recovered': 'Archiving resumed',
};

/** The health notices IT was sent about this account, newest first, with how sending each went. */
export function noticesSection(options: NoticesSection): SafeHtml {
  const { account, timeZone } = options;
  const message = options.notificationMessage;
  const rows = [...options.notifications].reverse();
  return html`<section aria-labelledby="account-notifications-heading" class="stack">
  <h2 id="account-notifications-heading">Notices to IT</h2>
  ${message ? html`<p class="${message.error ? 'error' : 'ok'}" role="${message.error ? 'alert' : 'status'}">${message.text}</p>` : ''}
  ${
    rows.length === 0
      ? html`<p>None yet. IT is told once when this account starts failing, goes stale or comes back (IT_NOTIFY_EMAILS, or the IT administrators).</p>`
      : html`<div class="table-wrap" role="region" aria-label="Notices to IT (scrolls sideways on narrow screens)" tabindex="0"><table>
    <thead><tr><th scope="col">When</th><th scope="col">Notice</th><th scope="col">By</th><th scope="col">To</th><th scope="col">Status</th></tr></thead>
    <tbody>${rows.map(
      (notice) => html`<tr>
      <td>${localTime(notice.createdAt, timeZone)}</td>
      <td>${EVENT_WORDS[notice.event] ?? notice.event}</td>
      <td>${notice.channel}</td>
      <td>${notice.channel === 'email' ? notice.recipients.join(', ') : 'the webhook'}</td>
      <td><strong>${notice.status}</strong>${notice.lastError ? html` <span class="meta">(${notice.status === 'pending' && notice.attempts === 0 ? 'waiting' : 'last error'}: ${notice.lastError})</span>` : ''}
        ${
          notice.status === 'failed'
            ? html`<form method="post" action="/accounts/${account.id}/notifications/${notice.id}/resend" class="row">
          <input type="hidden" name="csrf" value="${options.csrfToken}">
          <button type="submit">Send again</button>
        </form>`
            : ''
        }</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}
