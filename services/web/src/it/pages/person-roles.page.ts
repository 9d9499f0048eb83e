import { RoleSchema, type User } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { errorSummary, type FieldErrors } from '../form-field';
import { ROLE_LABELS } from './people.page';

/** One person's roles as checkboxes; a new attorney or auditor role is emailed to the attorney's office. */
export function personRolesBody(options: {
  person: User;
  roles: readonly string[];
  errors: FieldErrors;
  csrfToken: string;
}): SafeHtml {
  const { person, roles, errors } = options;
  return html`<h1>Roles of ${person.name}</h1>
<p>${person.email}. Their sessions carry the new roles at their next page. Granting <strong>Town attorney</strong> or
<strong>Auditor</strong> is emailed to the attorney's office, naming you.</p>
${errorSummary(errors, 'The roles were not changed.')}
<form method="post" action="/people/${person.id}/roles" class="stack it-form">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <fieldset${errors.has('roles') ? html` aria-describedby="roles-error"` : ''}>
    <legend>Roles</legend>
    ${errors.has('roles') ? html`<p class="error" id="roles-error">${errors.get('roles')}</p>` : ''}
    ${RoleSchema.options.map((role) => html`<label class="check"><input type="checkbox" name="roles" value="${role}"${roles.includes(role) ? html` checked` : ''}> ${ROLE_LABELS[role] ?? role}</label> `)}
  </fieldset>
  <button type="submit">Save roles</button>
</form>
<p><a href="/people">Back to people</a></p>`;
}
