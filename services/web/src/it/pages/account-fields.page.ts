import { AccountStatusSchema, PlatformSchema, type Agency } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import type { AccountForm } from '../account-form';
import { field, invalidAttributes, type FieldErrors } from '../form-field';
import type { ConnectorTypeDescription } from '@verbatim/app';

const STATUS_LABELS: Record<string, string> = {
  'pending-approval': 'Pending approval (not archived yet)',
  active: 'Active',
  abandoned: 'Abandoned (still archived)',
  retired: 'Retired (archive kept, no more syncs)',
};

const options = (values: readonly string[], chosen: string, label: (value: string) => string = (value) => value) =>
  values.map(
    (value) => html`<option value="${value}"${chosen === value ? html` selected` : ''}>${label(value)}</option>`,
  );

/** Where the account lives: agency, platform, handle, name and address. Only a new account sets these. */
export function identityFields(form: AccountForm, errors: FieldErrors, agencies: Agency[]): SafeHtml {
  return html`<fieldset class="stack"><legend>The account</legend>
  ${field({ id: 'agencyId', label: 'Agency', errors, control: html`<select id="agencyId" name="agencyId" required${invalidAttributes('agencyId', errors)}>${agencies.map((agency) => html`<option value="${agency.id}"${form.agencyId === agency.id ? html` selected` : ''}>${agency.name}</option>`)}</select>` })}
  ${field({ id: 'platform', label: 'Platform', errors, control: html`<select id="platform" name="platform"${invalidAttributes('platform', errors)}>${options(PlatformSchema.options, form.platform)}</select>` })}
  ${field({ id: 'handle', label: 'Handle', hint: "The account's name on the platform, e.g. westportparks.", errors, control: html`<input id="handle" name="handle" required maxlength="200" value="${form.handle}"${invalidAttributes('handle', errors, true)}>` })}
  ${field({ id: 'displayName', label: 'Display name (optional)', errors, control: html`<input id="displayName" name="displayName" maxlength="300" value="${form.displayName}"${invalidAttributes('displayName', errors)}>` })}
  ${field({ id: 'url', label: 'Address of the account page (optional)', errors, control: html`<input id="url" name="url" type="url" value="${form.url}"${invalidAttributes('url', errors)}>` })}
</fieldset>`;
}

/** Status, schedule and the people the policies require. New and existing accounts alike. */
export function scheduleAndPeopleFields(form: AccountForm, errors: FieldErrors): SafeHtml {
  const peopleHint =
    'One person per line: the name, then after commas the email, the phone, from the day they started and until the day they stopped, each when known (Ada Ames, ada@town.gov, 203 555 0101, from 2026-01-05).';
  return html`<fieldset class="stack"><legend>Status, schedule and people</legend>
  ${field({ id: 'status', label: 'Status', errors, control: html`<select id="status" name="status"${invalidAttributes('status', errors)}>${options(AccountStatusSchema.options, form.status, (value) => STATUS_LABELS[value] ?? value)}</select>` })}
  ${field({ id: 'syncIntervalMinutes', label: 'Sync every (minutes)', hint: 'From 1 to 10080 (a week). 60 checks the account every hour.', errors, control: html`<input id="syncIntervalMinutes" name="syncIntervalMinutes" type="number" inputmode="numeric" min="1" max="10080" required value="${form.syncIntervalMinutes}"${invalidAttributes('syncIntervalMinutes', errors, true)}>` })}
  ${field({ id: 'administrators', label: 'Registered administrators (at least 2)', hint: peopleHint, errors, control: html`<textarea id="administrators" name="administrators" rows="3"${invalidAttributes('administrators', errors, true)}>${form.administrators}</textarea>` })}
  ${field({ id: 'moderators', label: 'Moderators (at least 1)', hint: peopleHint, errors, control: html`<textarea id="moderators" name="moderators" rows="2"${invalidAttributes('moderators', errors, true)}>${form.moderators}</textarea>` })}
</fieldset>`;
}

/** The connector: its type and its settings as `name = value` lines, with the settings each type takes. */
export function connectorFields(
  form: AccountForm,
  errors: FieldErrors,
  types: ConnectorTypeDescription[],
  editing: boolean,
): SafeHtml {
  const describe = (type: ConnectorTypeDescription) => {
    const named = (setting: ConnectorTypeDescription['settings'][number]) =>
      setting.list ? `${setting.name} (one line each)` : setting.name;
    const required = type.settings.filter((setting) => setting.required).map(named);
    const optional = type.settings.filter((setting) => !setting.required).map(named);
    return `${type.type}: needs ${required.join(', ') || 'nothing'}${optional.length ? `; may also take ${optional.join(', ')}` : ''}.`;
  };
  const secretsHint = editing
    ? 'Secret settings (tokens, keys, passwords) are never shown: leave •••• or a blank value to keep the stored one.'
    : 'Secret settings (tokens, keys, passwords) are stored and never shown again.';
  return html`<fieldset class="stack"><legend>Connector</legend>
  ${field({
    id: 'connectorType',
    label: 'Connector type',
    errors,
    control: html`<select id="connectorType" name="connectorType"${invalidAttributes('connectorType', errors)}>${options(
      types.map((type) => type.type),
      form.connectorType,
    )}</select>`,
  })}
  ${field({
    id: 'connectorSettings',
    label: 'Connector settings',
    hint: `One setting per line, as name = value. ${types.map(describe).join(' ')} ${secretsHint}`,
    errors,
    control: html`<textarea id="connectorSettings" name="connectorSettings" rows="5" spellcheck="false" autocapitalize="off"${invalidAttributes('connectorSettings', errors, true)}>${form.connectorSettings}</textarea>`,
  })}
</fieldset>`;
}
