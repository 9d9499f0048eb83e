import type { AccountCompliance, AccountView } from '@verbatim/app';
import { currentPeople, type AccountPerson, type CurrentPolicy } from '@verbatim/core';
import type { AccountApproval, AccountPeopleChange } from '@verbatim/foia';
import { html, type SafeHtml } from '../html';
import { localTime } from '../format-time';
import { complianceBadge, reasonList } from './compliance-badge';

export interface AccountCompliancePage {
  account: AccountView;
  compliance: AccountCompliance;
  history: AccountPeopleChange[];
  approval: AccountApproval | null;
  policies: CurrentPolicy[];
  /** Whether the person with this email holds a receipt of the version. */
  hasReceipt: (versionId: string, email: string) => boolean;
  /** Names of the people and tokens who did things, by id. */
  nameOf: (id: string) => string;
  today: string;
  canApprove: boolean;
  csrfToken: string;
  timeZone: string;
}

function peopleTable(options: AccountCompliancePage): SafeHtml {
  const { account } = options;
  const rows = [
    ...account.administrators.map((person) => ({ person, role: 'Administrator' })),
    ...account.moderators.map((person) => ({ person, role: 'Moderator' })),
  ];
  if (rows.length === 0) return html`<p class="empty">No administrator or moderator is registered.</p>`;
  const current = new Set([
    ...currentPeople(account.administrators, options.today),
    ...currentPeople(account.moderators, options.today),
  ]);
  const receipts = (person: AccountPerson) =>
    options.policies.length === 0
      ? 'None required'
      : options.policies
          .map(
            (policy) =>
              `${policy.label}: ${person.email && options.hasReceipt(policy.versionId, person.email) ? 'received' : 'missing'}`,
          )
          .join('; ');
  return html`<div class="table-wrap" role="region" aria-label="Administrators and moderators (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>Registered administrators and moderators</caption>
  <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Started</th><th scope="col">Stopped</th><th scope="col">Policy receipts</th></tr></thead>
  <tbody>${rows.map(
    ({ person, role }) => html`<tr>
    <th scope="row">${person.name}${current.has(person) ? '' : html` <span class="meta">(not current)</span>`}</th>
    <td>${role}</td>
    <td>${person.email ?? 'missing'}</td>
    <td>${person.phone ?? 'missing'}</td>
    <td>${person.startedOn ?? 'not recorded'}</td>
    <td>${person.stoppedOn ?? ''}</td>
    <td>${receipts(person)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

function historyTable(options: AccountCompliancePage): SafeHtml {
  if (options.history.length === 0) return html`<p class="empty">No change recorded yet.</p>`;
  const describe = (change: AccountPeopleChange) =>
    [
      change.person.email,
      change.person.phone,
      change.person.startedOn && `from ${change.person.startedOn}`,
      change.person.stoppedOn && `until ${change.person.stoppedOn}`,
    ]
      .filter(Boolean)
      .join(', ');
  return html`<div class="table-wrap" role="region" aria-label="People history (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>Every change of administrators and moderators, oldest first</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Change</th><th scope="col">Person</th><th scope="col">Details</th><th scope="col">By</th></tr></thead>
  <tbody>${options.history.map(
    (change) => html`<tr>
    <td>${localTime(change.changedAt, options.timeZone)}</td>
    <td>${change.role} ${change.change}</td>
    <th scope="row">${change.person.name}</th>
    <td>${describe(change)}</td>
    <td>${options.nameOf(change.changedBy)}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

function approvalSection(options: AccountCompliancePage): SafeHtml | string {
  if (options.approval)
    return html`<p>Approved by ${options.nameOf(options.approval.approvedBy)} on ${localTime(options.approval.approvedAt, options.timeZone)}.</p>`;
  if (options.account.status !== 'pending-approval') return '';
  if (!options.canApprove)
    return html`<p>This account waits for the Communications Manager's approval; it is not archived until then.</p>`;
  return html`<form method="post" action="/compliance/accounts/${options.account.id}/approve">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <p>This account waits for your approval; it is not archived until then.</p>
  <button type="submit">Approve this account</button>
</form>`;
}

/** One account's compliance: what is missing, its people with their receipts, the approval and the history. */
export function accountComplianceBody(options: AccountCompliancePage): SafeHtml {
  const { account, compliance } = options;
  return html`<h1>Compliance: ${account.displayName ?? account.handle}</h1>
<p class="meta">${account.platform}, ${account.handle}; agency <a href="/compliance?agencyId=${account.agencyId}">${compliance.agency}</a>; status ${account.status}.</p>
<section aria-labelledby="status-heading">
  <h2 id="status-heading">Status: ${complianceBadge(compliance.compliant)}</h2>
  ${reasonList(compliance.reasons)}
  ${approvalSection(options)}
</section>
<section aria-labelledby="people-heading">
  <h2 id="people-heading">Administrators and moderators</h2>
  ${peopleTable(options)}
</section>
<section aria-labelledby="history-heading">
  <h2 id="history-heading">People history</h2>
  ${historyTable(options)}
</section>`;
}
