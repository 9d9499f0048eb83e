import { html, type SafeHtml } from '../html';

/** Messages by form field id; the empty id holds a message for the whole form. */
export type FieldErrors = Map<string, string>;

/** `aria-invalid` when the field has a message, and `aria-describedby` linking its hint and its message. */
export function invalidAttributes(id: string, errors: FieldErrors, hasHint = false): SafeHtml | string {
  const described = [hasHint ? `${id}-hint` : '', errors.has(id) ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${errors.has(id) ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
}

/** A labelled control with its hint and its error message (read out with the control, shown above it). */
export function field(options: {
  id: string;
  label: string;
  errors: FieldErrors;
  control: SafeHtml;
  hint?: string;
}): SafeHtml {
  const error = options.errors.get(options.id);
  return html`<div class="field">
  <label for="${options.id}">${options.label}</label>
  ${options.hint ? html`<p class="hint" id="${options.id}-hint">${options.hint}</p>` : ''}
  ${error ? html`<p class="error" id="${options.id}-error">${error}</p>` : ''}
  ${options.control}
</div>`;
}

/** The summary a refused form opens with: announced at once, naming what to do. */
export function errorSummary(errors: FieldErrors, what: string): SafeHtml | string {
  if (errors.size === 0) return '';
  const general = errors.get('');
  return html`<div class="error" role="alert"><p>${what} ${general ? general : 'Correct the fields marked below and send the form again.'}</p></div>`;
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const many = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];
