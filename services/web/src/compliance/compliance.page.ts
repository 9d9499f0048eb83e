import type { AccountCompliance } from '@verbatim/app';
import type { Agency } from '@verbatim/core';
import { html, type SafeHtml } from '../html';
import { complianceBadge } from './compliance-badge';

export interface CompliancePage {
  accounts: AccountCompliance[];
  agencies: Agency[];
  /** The agency shown, or undefined for the whole town. */
  agency?: Agency;
}

function agencyFilter(options: CompliancePage): SafeHtml {
  return html`<form method="get" action="/compliance" class="inline-form">
  <label for="agencyId">Agency</label>
  <select id="agencyId" name="agencyId">
    <option value="">The whole town</option>
    ${options.agencies.map((agency) => html`<option value="${agency.id}"${agency.id === options.agency?.id ? html` selected` : ''}>${agency.name}</option>`)}
  </select>
  <button type="submit">Show</button>
</form>`;
}

function accountTable(accounts: AccountCompliance[]): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="Compliance of each account (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}</caption>
  <thead><tr><th scope="col">Account</th><th scope="col">Agency</th><th scope="col">Status</th><th scope="col">Compliance</th><th scope="col">What is missing</th></tr></thead>
  <tbody>${accounts.map(
    (account) => html`<tr>
    <th scope="row"><a href="/compliance/accounts/${account.accountId}">${account.displayName ?? account.handle}</a><br><span class="meta">${account.platform}, ${account.handle}</span></th>
    <td><a href="/compliance?agencyId=${account.agencyId}">${account.agency}</a></td>
    <td>${account.status}</td>
    <td>${complianceBadge(account.compliant)}</td>
    <td>${account.reasons.length ? account.reasons.join(' ') : 'Nothing'}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

/** The town's (or one agency's) accounts with their compliance, and the report downloads. */
export function complianceBody(options: CompliancePage): SafeHtml {
  const scope = options.agency ? options.agency.name : 'the whole town';
  const failing = options.accounts.filter((account) => !account.compliant).length;
  const query = options.agency ? `&agencyId=${encodeURIComponent(options.agency.id)}` : '';
  return html`<h1>Compliance: ${scope}</h1>
<p>Each account needs at least two registered administrators and one moderator, each with an email address, a phone number and a receipt of every current policy, and must be archived on time by a working connector. Policies and receipts are on the <a href="/receipts">Policies and receipts</a> page.</p>
${agencyFilter(options)}
<p role="status">${options.accounts.length} ${options.accounts.length === 1 ? 'account' : 'accounts'}: ${options.accounts.length - failing} compliant, ${failing} not compliant.</p>
<p>Download the report: <a href="/api/v1/compliance/report?format=pdf${query}">PDF</a>, <a href="/api/v1/compliance/report?format=csv${query}">CSV (spreadsheet)</a>.</p>
${options.accounts.length === 0 ? html`<p class="empty">No accounts registered here yet.</p>` : accountTable(options.accounts)}`;
}
