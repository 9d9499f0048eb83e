import { html, type SafeHtml } from '../html';

export interface LogRequestForm {
  name: string;
  email: string;
  phone: string;
  organization: string;
  receivedAt: string;
  channel: string;
  description: string;
  recordsCategory: string;
}

const CHANNELS = ['email', 'web', 'mail', 'phone', 'walk-in', 'fax', 'other'];

function field(
  id: keyof LogRequestForm,
  label: string,
  form: LogRequestForm,
  errors: Map<string, string>,
  input: SafeHtml,
): SafeHtml {
  const error = errors.get(id);
  return html`<div class="field">
  <label for="${id}">${label}</label>
  ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  ${input}
</div>`;
}

/** The form that logs a request in under a minute: the requester's name, when it arrived, and what they asked. */
export function logRequestBody(options: {
  form: LogRequestForm;
  errors: Map<string, string>;
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { form, errors } = options;
  const invalid = (id: string) => (errors.has(id) ? html` aria-invalid="true" aria-describedby="${id}-error"` : '');
  return html`<h1>Log a request</h1>
${errors.size > 0 ? html`<p class="error" role="alert">The request was not logged: correct the fields marked below.</p>` : ''}
<form method="post" action="/requests/new" class="stack">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field('name', 'Requester name', form, errors, html`<input id="name" name="name" required autocomplete="off" value="${form.name}"${invalid('name')}>`)}
  <div class="row">
    ${field('email', 'Requester email (optional)', form, errors, html`<input id="email" name="email" type="email" value="${form.email}"${invalid('email')}>`)}
    ${field('phone', 'Requester phone (optional)', form, errors, html`<input id="phone" name="phone" type="tel" value="${form.phone}"${invalid('phone')}>`)}
    ${field('organization', 'Organization (optional)', form, errors, html`<input id="organization" name="organization" value="${form.organization}"${invalid('organization')}>`)}
  </div>
  <div class="row">
    ${field('receivedAt', `Received (${options.timeZone} time)`, form, errors, html`<input id="receivedAt" name="receivedAt" type="datetime-local" required value="${form.receivedAt}"${invalid('receivedAt')}>`)}
    ${field('channel', 'Received by', form, errors, html`<select id="channel" name="channel">${CHANNELS.map((channel) => html`<option value="${channel}"${form.channel === channel ? html` selected` : ''}>${channel}</option>`)}</select>`)}
    ${field(
      'recordsCategory',
      'Records asked for',
      form,
      errors,
      html`<select id="recordsCategory" name="recordsCategory">
      <option value="general"${form.recordsCategory !== 'personnel-medical' ? html` selected` : ''}>General (4 business days)</option>
      <option value="personnel-medical"${form.recordsCategory === 'personnel-medical' ? html` selected` : ''}>Personnel or medical files (10 business days)</option>
    </select>`,
    )}
  </div>
  ${field('description', 'What is asked for', form, errors, html`<textarea id="description" name="description" rows="5" required${invalid('description')}>${form.description}</textarea>`)}
  <button type="submit">Log request</button>
</form>
<p class="hint">Back-date "Received" for mail, phone and walk-in requests: the statutory clock runs from receipt.</p>`;
}
