import { retentionText, type DispositionReport } from '@verbatim/app';
import type { Disposition } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';
import type { DispositionJobDescription } from './disposition-progress';

/** The approved disposition's job, followed live on the page. */
export interface DispositionJobView {
  id: string;
  description: DispositionJobDescription;
}

function jobStatus(job: DispositionJobView | undefined): SafeHtml | string {
  if (!job) return '';
  const { description } = job;
  return html`<section aria-labelledby="job-heading" class="stack">
<h2 id="job-heading">The approved disposition</h2>
<div id="job-status" class="job" role="status" data-job-id="${job.id}" data-finished="${String(description.finished)}">
  <label for="job-progress">Progress of the approved disposition</label>
  <progress id="job-progress" max="1" value="${String(description.fraction)}"></progress>
  <p id="job-sentence">${description.sentence}</p>
</div>
<p><a id="job-refresh" href="/disposition?job=${job.id}">${description.finished ? 'Show the updated report' : 'Refresh'}</a></p>
<script src="/assets/disposition-progress.js" defer></script>
</section>`;
}

function pastDispositions(
  dispositions: Disposition[],
  names: Map<string, string>,
  timeZone: string,
): SafeHtml | string {
  if (dispositions.length === 0) return '';
  return html`<h2 id="past-heading">Past dispositions</h2>
<div class="table-wrap" role="region" aria-labelledby="past-heading" tabindex="0"><table>
  <thead><tr><th scope="col">Disposition</th><th scope="col">Approved</th><th scope="col">Note</th><th scope="col">Records disposed</th><th scope="col">Tombstones</th></tr></thead>
  <tbody>${dispositions.map(
    (disposition) =>
      html`<tr><th scope="row">${disposition.id}</th><td>${localTime(disposition.approvedAt, timeZone)} by ${names.get(disposition.approvedBy) ?? disposition.approvedBy}</td><td>${disposition.note}</td><td>${disposition.completedAt ? String(disposition.recordsDisposed) : 'under way'}</td><td><a href="/dispositions/${disposition.id}/report.pdf">PDF<span class="visually-hidden"> of ${disposition.id}</span></a> · <a href="/dispositions/${disposition.id}/report.csv">CSV<span class="visually-hidden"> of ${disposition.id}</span></a></td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The disposition report, per rule, with the attorney's approval form and the outcome of the last run. */
export function dispositionBody(options: {
  report: DispositionReport;
  job?: DispositionJobView;
  dispositions: Disposition[];
  /** People's names by user id, for who approved. */
  names: Map<string, string>;
  mayApprove: boolean;
  note: string;
  errors: FieldErrors;
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { report, errors } = options;
  return html`<h1>Disposition report</h1>
${jobStatus(options.job)}
<p>Records past retention on ${localTime(report.asOf, options.timeZone)} that no <a href="/legal-holds">legal hold</a> covers, per <a href="/retention">retention rule</a>. <a href="/disposition.pdf">Download as PDF</a> or <a href="/disposition.csv">as CSV</a>.</p>
${report.total === 0 ? html`<p class="empty">Nothing is due for disposition.</p>` : ''}
${report.truncated ? html`<p>Only the first ${report.total} due records are listed; dispose of them, then open the report again.</p>` : ''}
${report.rules.map(
  ({ rule, count, records }) => html`<section aria-labelledby="rule-${rule.id}">
<h2 id="rule-${rule.id}">${rule.citation}: ${count} ${count === 1 ? 'record' : 'records'}</h2>
<p>Keep ${retentionText(rule.retention)}.</p>
<div class="table-wrap" role="region" aria-label="Records due under ${rule.citation}" tabindex="0"><table>
  <thead><tr><th scope="col">Record</th><th scope="col">Kind</th><th scope="col">Posted</th><th scope="col">Retention ended</th></tr></thead>
  <tbody>${records.map((record) => html`<tr><th scope="row"><a href="/records/${record.recordId}">${record.recordId}</a></th><td>${record.kind}</td><td>${localTime(record.postedAt, options.timeZone)}</td><td>${localTime(record.retentionEndedAt, options.timeZone)}</td></tr>`)}</tbody>
</table></div></section>`,
)}
${
  report.waitingObjects.length
    ? html`<h2>Stored objects waiting</h2><ul>${report.waitingObjects.map((object) => html`<li>${object.key}: ${object.message}</li>`)}</ul>`
    : ''
}
${
  options.mayApprove
    ? html`<h2 id="approve">Approve disposition</h2>
<p>Disposes of every record due now (holds are checked again), removes its content from search and storage, and keeps a tombstone with its hashes, the rule, your approval and the date. It runs in the background and this page shows how far it got. This cannot be undone.</p>
${errorSummary(errors, 'Nothing was disposed.')}
<form method="post" action="/disposition" class="stack it-form" aria-labelledby="approve">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'note', label: 'Approval note', errors, hint: 'Why this disposition is lawful, e.g. the schedule and that no litigation is pending.', control: html`<textarea id="note" name="note" required maxlength="2000"${invalidAttributes('note', errors, true)}>${options.note}</textarea>` })}
  <button type="submit">Approve and dispose</button>
</form>`
    : ''
}
${pastDispositions(options.dispositions, options.names, options.timeZone)}`;
}
