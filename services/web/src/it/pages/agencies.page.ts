import type { Agency } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../form-field';

export const AGENCY_KINDS = [
  ['department', 'Department'],
  ['board', 'Board'],
  ['commission', 'Commission'],
  ['task-force', 'Task force'],
  ['committee', 'Committee'],
] as const;

export interface AgencyForm {
  name: string;
  kind: string;
}

export const kindLabel = (kind: string) => AGENCY_KINDS.find(([value]) => value === kind)?.[1] ?? kind;

/** The town's agencies, and the form that registers one. */
export function agenciesBody(options: {
  agencies: Agency[];
  accountCounts: Map<string, number>;
  form: AgencyForm;
  errors: FieldErrors;
  registered?: Agency;
  csrfToken: string;
}): SafeHtml {
  const { agencies, form, errors } = options;
  return html`<h1>Agencies</h1>
${options.registered ? html`<p class="notice" role="status">${options.registered.name} is registered. Next, <a href="/accounts#register-account">register its accounts</a>.</p>` : ''}
<p>Every account belongs to a town agency. <a href="/accounts">Accounts</a> lists them.</p>
${
  agencies.length === 0
    ? html`<p class="empty">No agencies yet. Register the first one below, then register its accounts.</p>`
    : html`<div class="table-wrap" role="region" aria-label="Agencies (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${agencies.length} ${agencies.length === 1 ? 'agency' : 'agencies'}</caption>
  <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Accounts</th></tr></thead>
  <tbody>${agencies.map((agency) => html`<tr><th scope="row">${agency.name}</th><td>${kindLabel(agency.kind)}</td><td>${options.accountCounts.get(agency.id) ?? 0}</td></tr>`)}</tbody>
</table></div>`
}
<h2 id="register-agency">Register an agency</h2>
${errorSummary(errors, 'The agency was not registered.')}
<form method="post" action="/agencies" class="stack it-form" aria-labelledby="register-agency">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'name', label: 'Name', errors, control: html`<input id="name" name="name" required maxlength="200" value="${form.name}"${invalidAttributes('name', errors)}>` })}
  ${field({ id: 'kind', label: 'Kind', errors, control: html`<select id="kind" name="kind"${invalidAttributes('kind', errors)}>${AGENCY_KINDS.map(([value, label]) => html`<option value="${value}"${form.kind === value ? html` selected` : ''}>${label}</option>`)}</select>` })}
  <button type="submit">Register agency</button>
</form>`;
}
