import { RoleSchema, type User } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../form-field';

export interface PersonForm {
  name: string;
  email: string;
  roles: string[];
}

export const ROLE_LABELS: Record<string, string> = {
  'it-admin': 'IT administrator',
  'foia-officer': 'FOIA officer',
  attorney: 'Town attorney',
  moderator: 'Moderator',
  auditor: 'Auditor',
  'it-director': 'Director of IT',
  'communications-manager': 'Communications manager',
};

/** Whether the person may sign in, and the button that changes it (disabling ends their sessions at once). */
function accessControl(person: User, options: { csrfToken: string; timeZone: string }): SafeHtml {
  const action = person.disabledAt ? 'enable' : 'disable';
  const state = person.disabledAt ? html`Disabled ${localTime(person.disabledAt, options.timeZone)}` : html`Allowed`;
  return html`${state} <form method="post" action="/people/${person.id}/${action}" class="inline-form">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <button type="submit" aria-label="${person.disabledAt ? 'Enable' : 'Disable'} ${person.name} (${person.email})">${person.disabledAt ? 'Enable' : 'Disable'}</button>
</form>`;
}

/** The people who sign in, and the form that lets a new one in. */
export function peopleBody(options: {
  people: User[];
  form: PersonForm;
  errors: FieldErrors;
  created: string;
  /** The outcome of disabling or enabling someone, shown above the table. */
  accessNotice?: { kind: 'status' | 'alert'; text: string };
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { people, form, errors } = options;
  const created = options.created
    ? people.find((person) => person.email.toLowerCase() === options.created.toLowerCase())
    : undefined;
  return html`<h1>People</h1>
${created ? html`<p class="notice" role="status">${created.name} was created and can sign in now with ${created.email}.</p>` : ''}
${options.accessNotice ? html`<p class="${options.accessNotice.kind === 'alert' ? 'error' : 'notice'}" role="${options.accessNotice.kind}">${options.accessNotice.text}</p>` : ''}
${
  people.length === 0
    ? html`<p class="empty">No one signs in yet. Create the first person below.</p>`
    : html`<div class="table-wrap" role="region" aria-label="People who sign in (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${people.length} ${people.length === 1 ? 'person signs' : 'people sign'} in</caption>
  <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Roles</th><th scope="col">Created</th><th scope="col">Sign-in</th></tr></thead>
  <tbody>${people.map((person) => html`<tr><th scope="row">${person.name}${person.disabledAt ? ' (disabled)' : ''}</th><td>${person.email}</td><td>${person.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')} <a href="/people/${person.id}/roles" aria-label="Change the roles of ${person.name} (${person.email})">Change</a></td><td>${localTime(person.createdAt, options.timeZone)}</td><td>${accessControl(person, options)}</td></tr>`)}</tbody>
</table></div>`
}
<h2 id="create-person">Create a person</h2>
${errorSummary(errors, 'The person was not created.')}
<form method="post" action="/people" class="stack it-form" aria-labelledby="create-person">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'name', label: 'Name', errors, control: html`<input id="name" name="name" required maxlength="200" autocomplete="off" value="${form.name}"${invalidAttributes('name', errors)}>` })}
  ${field({ id: 'email', label: 'Email', errors, control: html`<input id="email" name="email" type="email" required autocomplete="off" value="${form.email}"${invalidAttributes('email', errors)}>` })}
  <fieldset${errors.has('roles') ? html` aria-describedby="roles-error"` : ''}>
    <legend>Roles</legend>
    ${errors.has('roles') ? html`<p class="error" id="roles-error">${errors.get('roles')}</p>` : ''}
    ${RoleSchema.options.map((role) => html`<label class="check"><input type="checkbox" name="roles" value="${role}"${form.roles.includes(role) ? html` checked` : ''}> ${ROLE_LABELS[role] ?? role}</label> `)}
  </fieldset>
  ${field({
    id: 'password',
    label: 'Password',
    hint: 'At least 12 characters. Give it to the person in person or by phone; they cannot see it here again.',
    errors,
    control: html`<input id="password" name="password" type="password" required minlength="12" autocomplete="new-password"${invalidAttributes('password', errors, true)}>`,
  })}
  <button type="submit">Create person</button>
</form>`;
}
