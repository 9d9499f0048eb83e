import { retentionText, type DispositionOutcome, type DispositionReport } from '@verbatim/app';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

function outcomeNotice(outcome: DispositionOutcome | undefined): SafeHtml | string {
  if (!outcome) return '';
  return html`<div class="notice" role="status"><p>Disposition ${outcome.disposition.id}: ${outcome.records.length} ${outcome.records.length === 1 ? 'record' : 'records'} disposed, ${outcome.objectsDeleted.length} stored objects deleted${outcome.objectsWaiting.length ? html`, ${outcome.objectsWaiting.length} waiting for their object lock` : ''}. Each disposed record keeps a tombstone with its hashes.</p></div>`;
}

/** The disposition report, per rule, with the attorney's approval form and the outcome of the last run. */
export function dispositionBody(options: {
  report: DispositionReport;
  outcome?: DispositionOutcome;
  mayApprove: boolean;
  note: string;
  errors: FieldErrors;
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { report, errors } = options;
  return html`<h1>Disposition report</h1>
${outcomeNotice(options.outcome)}
<p>Records past retention on ${localTime(report.asOf, options.timeZone)} that no <a href="/legal-holds">legal hold</a> covers, per <a href="/retention">retention rule</a>. <a href="/disposition.csv">Download as CSV</a>.</p>
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
<p>Disposes of every record due now (holds are checked again), removes its content from search and storage, and keeps a tombstone with its hashes, the rule, your approval and the date. This cannot be undone.</p>
${errorSummary(errors, 'Nothing was disposed.')}
<form method="post" action="/disposition" class="stack it-form" aria-labelledby="approve">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'note', label: 'Approval note', errors, hint: 'Why this disposition is lawful, e.g. the schedule and that no litigation is pending.', control: html`<textarea id="note" name="note" required maxlength="2000"${invalidAttributes('note', errors, true)}>${options.note}</textarea>` })}
  <button type="submit">Approve and dispose</button>
</form>`
    : ''
}`;
}
