import type { AuditChainReport, AuditPage, SealedAuditEntry } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  /** Days, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
}

export interface AuditLogPageOptions {
  page: AuditPage;
  filter: AuditFilter;
  /** True when showing an older page (a cursor was followed). */
  older: boolean;
  timeZone: string;
}

/** The filters as a query string, for the CSV link and the next page. */
export function filterQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter) as Array<[string, string | undefined]>)
    if (value) query.set(name, value);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query.toString();
}

/** Details one per line, `name: value`, values as JSON when they are not plain text. */
function detailsList(details: Record<string, unknown>): SafeHtml {
  return html`<ul class="plain">${Object.entries(details).map(
    ([name, value]) => html`<li>${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}</li>`,
  )}</ul>`;
}

function row(entry: SealedAuditEntry, timeZone: string): SafeHtml {
  return html`<tr>
  <td>${entry.seq}</td>
  <td>${localTime(entry.at, timeZone)}</td>
  <td>${entry.actor}</td>
  <td>${entry.action}</td>
  <td>${entry.target}</td>
  <td>${entry.outcome}</td>
  <td>${entry.details === null ? '' : detailsList(entry.details)}</td>
  <td><code title="${entry.hash}">${entry.hash.slice(0, 12)}…</code></td>
</tr>`;
}

function textField(id: keyof AuditFilter, label: string, value: string | undefined, hint: string): SafeHtml {
  return html`<p><label for="${id}">${label}</label> <input type="text" id="${id}" name="${id}" value="${value ?? ''}" aria-describedby="${id}-hint"> <span class="utc" id="${id}-hint">${hint}</span></p>`;
}

/**
 * The audit log for auditors, the attorney's office and IT: who did what, newest first, filtered by person,
 * action, target and period, a page at a time, with the CSV of every matching entry and the chain's check.
 */
export function auditLogBody(options: AuditLogPageOptions): SafeHtml {
  const { filter, page } = options;
  return html`<h1>Audit log</h1>
<p>Every sign-in, search, record view, download, export and change, each entry sealed with the hash of the one before. <a href="/audit/verification">Check the chain now</a>.</p>
<form method="get" action="/audit">
  ${textField('actor', 'Person or token', filter.actor, 'an id such as usr_… or tok_…')}
  ${textField('action', 'Action', filter.action, 'record.read, or record for every record action')}
  ${textField('target', 'Target', filter.target, 'a record, request, bundle, account or person id')}
  <p><label for="from">From (date)</label> <input type="date" id="from" name="from" value="${filter.from ?? ''}"></p>
  <p><label for="to">Before (date)</label> <input type="date" id="to" name="to" value="${filter.to ?? ''}"></p>
  <button type="submit">Show</button>
</form>
<p><a href="/api/v1/audit?${filterQuery(filter, { format: 'csv' })}">Download every matching entry as CSV</a> (the download is itself logged)</p>
${
  page.entries.length === 0
    ? html`<p>No entry matches these filters.</p>`
    : html`<div class="table-wrap" role="region" aria-label="Audit entries (scrolls sideways on narrow screens)" tabindex="0"><table><caption>${page.entries.length} entries${options.older ? ' (older page)' : ''}, newest first</caption>
<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Details</th><th scope="col">Hash</th></tr></thead>
<tbody>${page.entries.map((entry) => row(entry, options.timeZone))}</tbody></table></div>`
}
${
  page.nextCursor === null
    ? ''
    : html`<p><a href="/audit?${filterQuery(filter, { cursor: String(page.nextCursor) })}">Older entries</a></p>`
}`;
}

/** The chain's check: whole, or every finding in words. */
export function auditVerificationBody(report: AuditChainReport): SafeHtml {
  return html`<h1>Audit chain check</h1>
${
  report.ok
    ? html`<p class="notice" role="status">The chain is whole: ${report.entries} entries, each sealed with the hash of the one before, ending at entry ${report.last?.seq ?? 0}.</p>`
    : html`<div class="error" role="alert"><p>The chain is broken: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} over ${report.entries} entries. Tell the attorney's office and IT.</p>
<ul>${report.findings.map((finding) => html`<li>${finding.message}</li>`)}</ul></div>`
}
${report.last ? html`<p>Last entry: ${report.last.seq}, hash <code>${report.last.hash}</code>. Write it down: a later check must still contain it.</p>` : ''}
<p><a href="/audit">Back to the audit log</a></p>`;
}
