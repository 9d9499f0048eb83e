import type { Account, Agency, RetentionRule } from '@verbatim/core';
import { retentionText } from '@verbatim/app';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

export interface RuleForm {
  agencyId: string;
  accountId: string;
  kind: string;
  days: string;
  permanent: boolean;
  citation: string;
}

export const EMPTY_RULE_FORM: RuleForm = {
  agencyId: '',
  accountId: '',
  kind: '',
  days: '',
  permanent: false,
  citation: '',
};
const KINDS = ['post', 'comment', 'reply', 'message'] as const;

const option = (value: string, label: string, chosen: string) =>
  html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;

/** The retention rules, each retirable, and the form that adds one (for those who may). */
export function retentionRulesBody(options: {
  rules: RetentionRule[];
  agencies: Agency[];
  accounts: Account[];
  form: RuleForm;
  errors: FieldErrors;
  mayEdit: boolean;
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { rules, form, errors } = options;
  const agencyName = (id: string | null) => options.agencies.find((agency) => agency.id === id)?.name ?? id;
  const accountName = (id: string | null) => options.accounts.find((account) => account.id === id)?.handle ?? id;
  const scope = (rule: RetentionRule) =>
    [
      rule.agencyId ? `agency ${agencyName(rule.agencyId)}` : '',
      rule.accountId ? `account ${accountName(rule.accountId)}` : '',
      rule.kind ? `${rule.kind}s` : '',
    ]
      .filter(Boolean)
      .join(', ') || 'every record';
  return html`<h1>Retention rules</h1>
<p>Where several rules match a record the longest wins; a permanent rule keeps it for ever; a record no rule matches is never disposed. See also <a href="/legal-holds">legal holds</a> and the <a href="/disposition">disposition report</a>.</p>
${
  rules.length === 0
    ? html`<p class="empty">No retention rules yet: nothing is ever disposed.</p>`
    : html`<div class="table-wrap" role="region" aria-label="Retention rules (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}</caption>
  <thead><tr><th scope="col">Applies to</th><th scope="col">Keep</th><th scope="col">Schedule citation</th><th scope="col">Added</th><th scope="col">Status</th></tr></thead>
  <tbody>${rules.map(
    (rule) => html`<tr><th scope="row">${scope(rule)}</th>
    <td>${rule.retention === 'permanent' ? 'permanently' : retentionText(rule.retention)}</td>
    <td>${rule.citation}</td>
    <td>${localTime(rule.createdAt, options.timeZone)} by ${rule.createdBy}</td>
    <td>${
      rule.retiredAt
        ? html`retired ${localTime(rule.retiredAt, options.timeZone)} by ${rule.retiredBy}`
        : options.mayEdit
          ? html`<form method="post" action="/retention/${rule.id}/retire"><input type="hidden" name="csrf" value="${options.csrfToken}"><button type="submit" aria-label="Retire the rule for ${scope(rule)}">Retire</button></form>`
          : 'in force'
    }</td></tr>`,
  )}</tbody>
</table></div>`
}
${
  options.mayEdit
    ? html`<h2 id="add-rule">Add a rule</h2>
${errorSummary(errors, 'The rule was not added.')}
<form method="post" action="/retention" class="stack it-form" aria-labelledby="add-rule">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'agencyId', label: 'Agency', errors, hint: 'Leave at "any" for every agency.', control: html`<select id="agencyId" name="agencyId"${invalidAttributes('agencyId', errors, true)}>${option('', 'any', form.agencyId)}${options.agencies.map((agency) => option(agency.id, agency.name, form.agencyId))}</select>` })}
  ${field({ id: 'accountId', label: 'Account', errors, control: html`<select id="accountId" name="accountId"${invalidAttributes('accountId', errors)}>${option('', 'any', form.accountId)}${options.accounts.map((account) => option(account.id, `${account.platform} ${account.handle}`, form.accountId))}</select>` })}
  ${field({ id: 'kind', label: 'Record kind', errors, control: html`<select id="kind" name="kind"${invalidAttributes('kind', errors)}>${option('', 'any', form.kind)}${KINDS.map((kind) => option(kind, kind, form.kind))}</select>` })}
  ${field({ id: 'days', label: 'Keep for (days after posting)', errors, hint: 'For example 730 for two years. Leave empty for a permanent rule.', control: html`<input id="days" name="days" inputmode="numeric" value="${form.days}"${invalidAttributes('days', errors, true)}>` })}
  <div class="field"><input type="checkbox" id="permanent" name="permanent" value="yes"${form.permanent ? html` checked` : ''}> <label for="permanent">Keep permanently</label></div>
  ${field({ id: 'citation', label: 'Connecticut schedule citation', errors, hint: 'The State Library schedule and item, e.g. "M1 item 100: general correspondence, 2 years".', control: html`<input id="citation" name="citation" required maxlength="500" value="${form.citation}"${invalidAttributes('citation', errors, true)}>` })}
  <button type="submit">Add rule</button>
</form>`
    : ''
}`;
}
