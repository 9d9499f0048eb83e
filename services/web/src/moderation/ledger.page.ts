import type { ModerationLedgerRow } from '@verbatim/app';
import type { Account } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

export interface LedgerPageOptions {
  rows: ModerationLedgerRow[];
  accounts: Account[];
  filter: { accountId?: string; from?: string; to?: string; open: boolean };
  timeZone: string;
}

/** The query string of the report downloads: the same account and period as the list. */
function reportQuery(filter: LedgerPageOptions['filter']): string {
  const query = new URLSearchParams();
  if (filter.accountId) query.set('accountId', filter.accountId);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  return query.toString();
}

function row(entry: ModerationLedgerRow, timeZone: string): SafeHtml {
  const status = entry.flagged
    ? 'UNREVIEWED'
    : entry.reviewId
      ? `review ${entry.reviewId}`
      : entry.resolution
        ? 'settled'
        : 'not flagged';
  return html`<tr>
  <td>${localTime(entry.detectedAt, timeZone)}</td>
  <td>${entry.change}</td>
  <td>${entry.account}</td>
  <td><a href="/records/${entry.recordId}">${entry.kind} by ${entry.author}</a></td>
  <td><a href="/moderation/ledger/${entry.id}">${status}</a></td>
</tr>`;
}

/**
 * The moderation ledger: every hide and disappearance with the review that approved it, the unreviewed ones
 * marked, filtered by account and period, with the report for counsel as PDF and CSV.
 */
export function ledgerBody(options: LedgerPageOptions): SafeHtml {
  const { filter } = options;
  const query = reportQuery(filter);
  return html`<h1>Moderation ledger</h1>
<form method="get" action="/moderation/ledger">
  <p><label for="accountId">Account</label>
  <select id="accountId" name="accountId"><option value="">Every account</option>
    ${options.accounts.map((account) => html`<option value="${account.id}"${account.id === filter.accountId ? html` selected` : ''}>@${account.handle} on ${account.platform}</option>`)}
  </select></p>
  <p><label for="from">Detected from (date)</label> <input type="date" id="from" name="from" value="${filter.from ?? ''}"></p>
  <p><label for="to">Detected before (date)</label> <input type="date" id="to" name="to" value="${filter.to ?? ''}"></p>
  <p><input type="checkbox" id="open" name="open" value="true"${filter.open ? html` checked` : ''}> <label for="open">Only unreviewed ones not yet settled</label></p>
  <button type="submit">Show</button>
</form>
<p>Report for counsel: <a href="/api/v1/moderation-ledger/report.pdf?${query}">PDF</a> · <a href="/api/v1/moderation-ledger/report.csv?${query}">CSV</a></p>
${
  options.rows.length === 0
    ? html`<p>Nothing was hidden or removed for these filters.</p>`
    : html`<table><caption>${options.rows.length} entries, oldest first</caption>
<thead><tr><th scope="col">Detected</th><th scope="col">Change</th><th scope="col">Account</th><th scope="col">Item</th><th scope="col">Review</th></tr></thead>
<tbody>${options.rows.map((entry) => row(entry, options.timeZone))}</tbody></table>`
}`;
}
