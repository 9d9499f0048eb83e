import type { Agency } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';
import type { AccountForm } from '../account-form';
import { errorSummary, type FieldErrors } from '../form-field';
import type { AccountCompliance, AccountView, ConnectorTypeDescription } from '@verbatim/app';
import { complianceBadge } from '../../compliance/compliance-badge';
import { connectorFields, identityFields, scheduleAndPeopleFields } from './account-fields.page';

export interface AccountsPage {
  accounts: AccountView[];
  agencies: Agency[];
  form: AccountForm;
  errors: FieldErrors;
  connectorTypes: ConnectorTypeDescription[];
  /** Each account's compliance, by account id. */
  compliance?: Map<string, AccountCompliance>;
  csrfToken: string;
  timeZone: string;
}

/** The account's health as the dashboard words it: failing or stale with the problem, else capturing on time. */
function healthCell(account: AccountView): SafeHtml | string {
  const { health } = account;
  if (!health) return 'Not tracked';
  if (health.state === 'healthy') return 'On time';
  const badge =
    health.state === 'failing'
      ? html`<span class="badge badge-deleted">Failing</span>`
      : html`<span class="badge badge-hidden">Stale</span>`;
  return html`${badge} ${health.problem ?? ''}`;
}

/** Compliant or not, linking the account's compliance page where what is missing is listed. */
function complianceCell(accountId: string, compliance: AccountsPage['compliance']): SafeHtml | string {
  const assessed = compliance?.get(accountId);
  if (!assessed) return '';
  return html`<a href="/compliance/accounts/${accountId}">${complianceBadge(assessed.compliant)}</a>${assessed.compliant ? '' : html` ${assessed.reasons.length} missing`}`;
}

function accountTable(options: AccountsPage): SafeHtml {
  const agencyName = new Map(options.agencies.map((agency) => [agency.id, agency.name]));
  return html`<div class="table-wrap" role="region" aria-label="Registered accounts (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${options.accounts.length} registered ${options.accounts.length === 1 ? 'account' : 'accounts'}</caption>
  <thead><tr><th scope="col">Account</th><th scope="col">Agency</th><th scope="col">Platform</th><th scope="col">Status</th><th scope="col">Last successful capture</th><th scope="col">Health</th><th scope="col">Compliance</th></tr></thead>
  <tbody>${options.accounts.map(
    (account) => html`<tr>
    <th scope="row"><a href="/accounts/${account.id}">${account.displayName ?? account.handle}</a><br><span class="meta">${account.handle}</span></th>
    <td>${agencyName.get(account.agencyId) ?? account.agencyId}</td>
    <td>${account.platform}</td>
    <td>${account.status}</td>
    <td>${account.sync.lastCompletedAt ? localTime(account.sync.lastCompletedAt, options.timeZone) : 'Never'}</td>
    <td>${healthCell(account)}</td>
    <td>${complianceCell(account.id, options.compliance)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

function registerForm(options: AccountsPage): SafeHtml {
  if (options.agencies.length === 0) {
    return html`<p class="empty">Register an agency first: every account belongs to one. <a href="/agencies#register-agency">Register an agency</a>.</p>`;
  }
  return html`${errorSummary(options.errors, 'The account was not registered.')}
<form method="post" action="/accounts" class="stack it-form" aria-labelledby="register-account">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${identityFields(options.form, options.errors, options.agencies)}
  ${scheduleAndPeopleFields(options.form, options.errors)}
  ${connectorFields(options.form, options.errors, options.connectorTypes, false)}
  <button type="submit">Register account</button>
</form>`;
}

/** Every registered account with how its archiving goes, and the form that registers one. */
export function accountsBody(options: AccountsPage): SafeHtml {
  return html`<h1>Accounts</h1>
<p>Every official social media account of the town, archived by its connector. Accounts belong to <a href="/agencies">agencies</a>.</p>
${options.accounts.length === 0 ? html`<p class="empty">No accounts yet. Register one below.</p>` : accountTable(options)}
<h2 id="register-account">Register an account</h2>
${registerForm(options)}`;
}
