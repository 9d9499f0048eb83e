import { IMPORT_ONLY_CONNECTOR_TYPE, type Agency, type ExportImport, type SyncRun } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';
import type { AccountForm } from '../account-form';
import { errorSummary, type FieldErrors } from '../form-field';
import type { AccountView, ConnectorTypeDescription } from '@verbatim/app';
import type { Delivery } from '@verbatim/foia';
import type { JobView } from '../job-progress';
import { describeJob } from '../job-progress';
import { connectorFields, scheduleAndPeopleFields } from './account-fields.page';
import { healthSection, noticesSection, platformLimitsSection, runsSection } from './account-health.page';
import { importsSection } from './account-imports.page';

export interface AccountPage {
  account: AccountView;
  /** Its most recent sync runs, newest first. */
  runs: SyncRun[];
  /** Notices of its health changes sent to IT, oldest first. */
  notifications: Delivery[];
  /** Why "Send again" was refused, if it was; or that it was done. */
  notificationMessage?: { error: boolean; text: string };
  agency: Agency | null;
  quarantined: number;
  /** The sync just started from this page, when the address names one. */
  job: { id: string; view: JobView | null } | null;
  form: AccountForm;
  errors: FieldErrors;
  /** Why "Sync now" was refused, if it was. */
  syncError?: string;
  /** Its imports of platform exports, newest first. */
  imports: ExportImport[];
  /** That an upload was just queued, or why it was refused. */
  importMessage?: { error: boolean; text: string };
  connectorTypes: ConnectorTypeDescription[];
  csrfToken: string;
  timeZone: string;
}

const people = (list: AccountView['administrators']) =>
  list.length === 0
    ? html`<p>None registered.</p>`
    : html`<ul>${list.map((person) => html`<li>${person.name}${person.email ? html` (<a href="mailto:${person.email}">${person.email}</a>)` : ''}</li>`)}</ul>`;

function facts(options: AccountPage): SafeHtml {
  const { account, timeZone } = options;
  return html`<dl class="facts">
  <dt>Agency</dt><dd>${options.agency?.name ?? account.agencyId}</dd>
  <dt>Platform</dt><dd>${account.platform}</dd>
  <dt>Handle</dt><dd>${account.handle}</dd>
  ${account.url ? html`<dt>Address</dt><dd><a href="${account.url}">${account.url}</a></dd>` : ''}
  <dt>Status</dt><dd>${account.status}</dd>
  <dt>Syncs every</dt><dd>${account.syncIntervalMinutes} minutes</dd>
  <dt>Registered</dt><dd>${localTime(account.createdAt, timeZone)}</dd>
</dl>`;
}

function syncSection(options: AccountPage): SafeHtml {
  const { account, job } = options;
  const described = job ? describeJob(job.view) : null;
  if (account.connector.type === IMPORT_ONLY_CONNECTOR_TYPE)
    return html`<section aria-labelledby="sync-heading" class="stack">
  <h2 id="sync-heading">Syncing</h2>
  <p>This account is import-only: the platform has no API Verbatim can poll, so it is never synced. Its archive comes from the platform's own exports, imported below.</p>
</section>`;
  return html`<section aria-labelledby="sync-heading" class="stack">
  <h2 id="sync-heading">Syncing</h2>
  ${options.syncError ? html`<p class="error" role="alert">${options.syncError}</p>` : ''}
  <form method="post" action="/accounts/${account.id}/sync">
    <input type="hidden" name="csrf" value="${options.csrfToken}">
    <button type="submit">Sync now</button>
  </form>
  ${
    job && described
      ? html`<div id="job-status" class="job" aria-live="polite" data-job-id="${job.id}" data-finished="${String(described.finished)}">
    <label for="job-progress">Progress of the sync started here</label>
    <progress id="job-progress" max="1"${described.finished ? html` value="1"` : ''}></progress>
    <p id="job-sentence">${described.sentence}</p>
  </div>
  <p id="job-counts" class="meta">${described.counts}</p>
  <p><a id="job-refresh" href="/accounts/${account.id}?job=${job.id}">${described.finished ? 'Show the updated figures' : 'Refresh'}</a></p>
  <script src="/assets/job-progress.js" defer></script>`
      : ''
  }
  <p>${options.quarantined === 0 ? 'No platform payloads were set aside.' : html`${options.quarantined} platform ${options.quarantined === 1 ? 'payload' : 'payloads'} could not be read and ${options.quarantined === 1 ? 'was' : 'were'} set aside with the original bytes kept; syncing goes on without ${options.quarantined === 1 ? 'it' : 'them'}. <a href="/api/v1/accounts/${account.id}/quarantine">The list, for your support contact</a> (JSON).`}</p>
</section>`;
}

/** One account: what it is, how its archiving goes, "Sync now" with live progress, and its settings form. */
export function accountBody(options: AccountPage): SafeHtml {
  const { account, errors } = options;
  const settings = Object.entries(account.connector).filter(([name]) => name !== 'type');
  return html`<p><a href="/accounts">All accounts</a></p>
<h1>${account.displayName ?? account.handle}</h1>
${account.complianceProblems.length ? html`<p class="error">Town policy: ${account.complianceProblems.join('; ')}.</p>` : ''}
<p><a href="/compliance/accounts/${account.id}">Compliance, administrators, moderators and their receipts</a></p>
${facts(options)}
${healthSection(options.account, options.timeZone)}
${platformLimitsSection(options.runs)}
${syncSection(options)}
${importsSection({ accountId: account.id, imports: options.imports, csrfToken: options.csrfToken, timeZone: options.timeZone, message: options.importMessage })}
${runsSection(options.runs, options.timeZone)}
${noticesSection(options)}
<section aria-labelledby="people-heading">
  <h2 id="people-heading">People</h2>
  <h3>Administrators</h3>${people(account.administrators)}
  <h3>Moderators</h3>${people(account.moderators)}
</section>
<section aria-labelledby="connector-heading">
  <h2 id="connector-heading">Connector: ${account.connector.type}</h2>
  ${settings.length === 0 ? html`<p>No settings.</p>` : html`<dl class="facts">${settings.map(([name, value]) => html`<dt>${name}</dt><dd><code>${String(value)}</code></dd>`)}</dl>`}
  <p class="hint">Secret settings show as ••••: they are stored but never shown.</p>
</section>
<h2 id="change-settings">Change settings</h2>
${errorSummary(errors, 'The settings were not changed.')}
<form method="post" action="/accounts/${account.id}" class="stack it-form" aria-labelledby="change-settings">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${scheduleAndPeopleFields(options.form, errors)}
  ${connectorFields(options.form, errors, options.connectorTypes, true)}
  <button type="submit">Save settings</button>
</form>`;
}
