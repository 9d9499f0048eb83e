import { DateTime } from 'luxon';
import type { AccountStatus, RecordStatus } from '@verbatim/core';
import type { FoiaRequestView } from '@verbatim/foia';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';
import { barChart } from '../bar-chart';
import type { DayCount } from '../captures-per-day';
import type { AccountCompliance, AccountView } from '@verbatim/app';

export interface DashboardPage {
  recordsByStatus: Record<RecordStatus, number>;
  accountsByStatus: Record<AccountStatus, number>;
  agencyCount: number;
  days: DayCount[];
  /** Scheduled accounts whose health is failing or stale. */
  troubled: AccountView[];
  overdue: FoiaRequestView[];
  /** Accounts out of compliance with the town policies (see the compliance page). */
  noncompliant?: AccountCompliance[];
  timeZone: string;
}

const count = (value: number) => value.toLocaleString('en-US');
const dayLabel = (day: string) => DateTime.fromISO(day).toFormat('EEE, MMM d');

function totalsList(title: string, figures: Record<string, number>): SafeHtml {
  const total = Object.values(figures).reduce((sum, value) => sum + value, 0);
  return html`<section class="tile" aria-labelledby="tile-${title}">
  <h3 id="tile-${title}">${title}</h3>
  <p class="big">${count(total)}</p>
  <ul class="plain">${Object.entries(figures).map(([status, value]) => html`<li>${status}: ${count(value)}</li>`)}</ul>
</section>`;
}

function capturesChart(days: DayCount[]): SafeHtml {
  const total = days.reduce((sum, day) => sum + day.captures, 0);
  const busiest = days.reduce((best, day) => (day.captures > best.captures ? day : best), days[0]);
  const summary =
    total === 0
      ? `Captures per day, last ${days.length} days: none.`
      : `Captures per day, last ${days.length} days: ${count(total)} in all, most on ${dayLabel(busiest.day)} (${count(busiest.captures)}).`;
  return html`<section aria-labelledby="captures-heading" class="stack">
  <h2 id="captures-heading">Captures per day</h2>
  <p class="hint">Pages of posts and comments stored as received from the platforms, per day (${days.length} days to today).</p>
  ${barChart({ id: 'captures-chart', summary, bars: days.map((day) => ({ label: dayLabel(day.day), value: day.captures })) })}
  <p class="chart-axis"><span>${dayLabel(days[0].day)}</span><span>${dayLabel(days[days.length - 1].day)}</span></p>
  ${total === 0 ? html`<p class="empty">Nothing captured in these days. Register an account on <a href="/accounts">Accounts</a> and press "Sync now" there.</p>` : ''}
  <details>
    <summary>The figures as a table</summary>
    <div class="table-wrap" role="region" aria-label="Captures per day (scrolls sideways on narrow screens)" tabindex="0"><table>
      <caption>Captures per day</caption>
      <thead><tr><th scope="col">Day</th><th scope="col">Captures</th><th scope="col">Kilobytes</th></tr></thead>
      <tbody>${[...days].reverse().map((day) => html`<tr><th scope="row"><time datetime="${day.day}">${dayLabel(day.day)}</time></th><td>${count(day.captures)}</td><td>${count(Math.ceil(day.bytes / 1024))}</td></tr>`)}</tbody>
    </table></div>
  </details>
</section>`;
}

function troubleList(options: DashboardPage): SafeHtml {
  return html`<section aria-labelledby="trouble-heading">
  <h2 id="trouble-heading">Accounts that need attention</h2>
  ${
    options.troubled.length === 0
      ? html`<p>None: every scheduled account synced on time.</p>`
      : html`<ul class="stack">${options.troubled.map(
          (account) => html`<li>
    <a href="/accounts/${account.id}">${account.displayName ?? account.handle}</a> (${account.platform}):
    ${
      account.health?.state === 'failing'
        ? html`<span class="badge badge-deleted">Failing</span>`
        : html`<span class="badge badge-hidden">Stale</span>`
    }
    ${account.health?.problem ?? ''}
    <span class="meta">Last successful capture: ${account.health?.lastSuccessAt ? localTime(account.health.lastSuccessAt, options.timeZone) : 'never'}.</span>
    <br>${account.health?.advice ?? ''}
  </li>`,
        )}</ul>`
  }
</section>`;
}

function overdueList(options: DashboardPage): SafeHtml {
  return html`<section aria-labelledby="overdue-heading">
  <h2 id="overdue-heading">Overdue FOIA requests</h2>
  ${
    options.overdue.length === 0
      ? html`<p>None.</p>`
      : html`<ul>${options.overdue.map(
          (request) => html`<li>
    Request ${request.number}: ${request.nextDeadline!.kind} was due ${localTime(request.nextDeadline!.at, options.timeZone)}
  </li>`,
        )}</ul><p class="hint">The FOIA officers work these; tell them if an account's archive is missing something they need.</p>`
  }
</section>`;
}

function complianceList(accounts: AccountCompliance[]): SafeHtml {
  return html`<section aria-labelledby="compliance-heading">
  <h2 id="compliance-heading">Accounts out of compliance</h2>
  ${
    accounts.length === 0
      ? html`<p>None: every account meets the town policies.</p>`
      : html`<ul>${accounts.map((account) => html`<li><a href="/compliance/accounts/${account.accountId}">${account.displayName ?? account.handle}</a> (${account.agency}): ${account.reasons.join(' ')}</li>`)}</ul>`
  }
  <p><a href="/compliance">Compliance of every account</a></p>
</section>`;
}

/** What IT checks each morning: the archive's size, whether capturing goes on, and what needs attention. */
export function dashboardBody(options: DashboardPage): SafeHtml {
  return html`<h1>Dashboard</h1>
<section aria-labelledby="totals-heading">
  <h2 id="totals-heading">The archive</h2>
  <div class="tiles">
    ${totalsList('Records', options.recordsByStatus)}
    ${totalsList('Accounts', options.accountsByStatus)}
    <section class="tile" aria-labelledby="tile-agencies"><h3 id="tile-agencies">Agencies</h3><p class="big">${count(options.agencyCount)}</p><p><a href="/agencies">See agencies</a></p></section>
  </div>
  ${options.agencyCount === 0 ? html`<p class="empty">The archive is empty. Start on <a href="/agencies">Agencies</a>: register one, then its accounts.</p>` : ''}
</section>
${capturesChart(options.days)}
${troubleList(options)}
${complianceList(options.noncompliant ?? [])}
${overdueList(options)}
<section aria-labelledby="jobs-heading">
  <h2 id="jobs-heading">Background jobs</h2>
  <p><a href="/jobs">Recent jobs</a> lists the syncs, imports, bundles and notifications of every queue, with their timings and why any failed; <a href="/jobs?state=failed">failed jobs</a> only. <a href="/signing-key">The town's signing key</a> signs every response bundle.</p>
</section>
<p><a href="/audit">Audit log</a>: who signed in, searched, read, downloaded, exported or changed what.</p>`;
}
