import { FoiaRequestStatusSchema, type FoiaRequestView, type FoiaTransition } from '@verbatim/foia';
import { requestLogSearch, type RequestLogFilter } from '../requests/request-log-filter';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

function deadlineCell(request: FoiaRequestView, timeZone: string): SafeHtml | string {
  const next = request.nextDeadline;
  if (!next) return html`<span class="meta">none (${request.status})</span>`;
  const mark = next.overdue
    ? html` <span class="badge badge-deleted">overdue</span>`
    : next.dueSoon
      ? html` <span class="badge badge-hidden">due soon</span>`
      : '';
  const left = next.overdue
    ? `${-next.businessDaysLeft} business days late`
    : `${next.businessDaysLeft} business days left`;
  return html`${next.kind === 'response' ? 'Response' : 'Production'} by ${localTime(next.at, timeZone)}${mark}<br><span class="meta">${left}</span>`;
}

function notificationCell(request: FoiaRequestView): string {
  if (request.notifications.length === 0) return 'none configured';
  const pending = request.notifications.filter((notification) => notification.status === 'pending').length;
  const failed = request.notifications.filter((notification) => notification.status === 'failed').length;
  if (failed > 0) return `${failed} failed`;
  return pending > 0 ? `${pending} pending` : 'all delivered';
}

function filterForm(filter: RequestLogFilter): SafeHtml {
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${filter.show === value ? html`selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/requests" class="row filters" aria-label="Filter requests">
  <div class="field"><label for="show">Show</label><select id="show" name="show">
    ${option('open', 'Open requests')}${option('all', 'All requests')}
    ${FoiaRequestStatusSchema.options.map((status) => option(status, `Only ${status}`))}
  </select></div>
  <div class="field"><label for="text">Words (number, requester, description)</label><input id="text" name="text" value="${filter.text}"></div>
  <label class="check"><input type="checkbox" name="deadline" value="late" ${filter.deadline === 'late' ? html`checked` : ''}> Due soon or overdue only</label>
  <button type="submit">Filter</button>
</form>`;
}

/** The request log: every deadline at a glance, due-soon and overdue marked, notification status, filters. */
export function requestListBody(options: {
  requests: FoiaRequestView[];
  filter: RequestLogFilter;
  filtered: boolean;
  canLog: boolean;
  timeZone: string;
}): SafeHtml {
  const empty = options.filtered
    ? html`<p>No request matches these filters. <a href="/requests?show=all">Show all requests</a>.</p>`
    : html`<p>No requests yet.${options.canLog ? ' Log the first one with the button above.' : ''}</p>`;
  return html`<h1>FOIA requests</h1>
${options.canLog ? html`<p><a class="button" href="/requests/new">Log a request</a></p>` : ''}
${filterForm(options.filter)}
${
  options.requests.length === 0
    ? empty
    : html`<p><a href="/requests.csv${requestLogSearch(options.filter)}" download>Download these requests as CSV (for a spreadsheet)</a></p>
<div class="table-wrap"><table>
  <caption>${options.requests.length} ${options.requests.length === 1 ? 'request' : 'requests'}, newest received first</caption>
  <thead><tr><th scope="col">Number</th><th scope="col">Requester</th><th scope="col">Status</th><th scope="col">Next deadline</th><th scope="col">Attorney notified</th></tr></thead>
  <tbody>${options.requests.map(
    (request) => html`<tr>
    <th scope="row"><a href="/requests/${request.id}">${request.number}</a></th>
    <td>${request.requester.name}${request.requester.organization ? html`<br><span class="meta">${request.requester.organization}</span>` : ''}</td>
    <td>${request.status}</td>
    <td>${deadlineCell(request, options.timeZone)}</td>
    <td>${notificationCell(request)}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}`;
}

/** The moves the viewer's roles allow from here, with a note; release asks full or partial, an extension a date. */
function statusForm(request: FoiaRequestView, csrfToken: string): SafeHtml | string {
  if (request.allowedTransitions.length === 0) return '';
  return html`<section aria-labelledby="status-heading"><h2 id="status-heading">Change status</h2>
<form method="post" action="/requests/${request.id}/transitions" class="stack">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <div class="row">
    <div class="field"><label for="to">New status</label>
      <select id="to" name="to">${request.allowedTransitions.map((status) => html`<option value="${status}">${status}</option>`)}</select></div>
    ${
      request.allowedTransitions.includes('released')
        ? html`<div class="field"><label for="releaseKind">Release</label>
      <select id="releaseKind" name="releaseKind"><option value="full">Full</option><option value="partial">Partial (with withholdings)</option></select></div>`
        : ''
    }
    ${
      request.allowedTransitions.includes('extended')
        ? html`<div class="field"><label for="extendedUntil">Extended until (for an extension)</label>
      <input id="extendedUntil" name="extendedUntil" type="date"></div>`
        : ''
    }
  </div>
  <div class="field"><label for="note">Note (kept in the history)</label><textarea id="note" name="note" rows="2"></textarea></div>
  <button type="submit">Change status</button>
</form></section>`;
}

/** Sends a failed notification again; the page comes back with its new status. */
function resendForm(requestId: string, deliveryId: string, csrfToken: string): SafeHtml {
  return html`<form method="post" action="/requests/${requestId}/notifications/${deliveryId}/resend" class="row">
    <input type="hidden" name="csrf" value="${csrfToken}">
    <button type="submit">Send again</button>
  </form>`;
}

/** One request: its deadlines, who was notified and how it went, its history, and the moves the viewer may make. */
export function requestBody(options: {
  request: FoiaRequestView;
  transitions: FoiaTransition[];
  timeZone: string;
  csrfToken: string;
  error?: string;
  notice?: string;
  work?: SafeHtml;
}): SafeHtml {
  const { request, timeZone } = options;
  return html`<p><a href="/requests">All requests</a></p>
<h1>Request ${request.number}</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${options.notice ? html`<p class="ok" role="status">${options.notice}</p>` : ''}
<dl class="facts">
  <dt>Status</dt><dd>${request.status}${request.releaseKind ? ` (${request.releaseKind})` : ''}</dd>
  <dt>Requester</dt><dd>${request.requester.name}${request.requester.email ? ` <${request.requester.email}>` : ''}</dd>
  <dt>Received</dt><dd>${localTime(request.receivedAt, timeZone)} by ${request.channel}</dd>
  <dt>Response due</dt><dd>${localTime(request.responseDueAt, timeZone)}</dd>
  <dt>Production target</dt><dd>${localTime(request.productionTargetAt, timeZone)}</dd>
  ${request.appealDeadlineAt ? html`<dt>Appeal window ends</dt><dd>${localTime(request.appealDeadlineAt, timeZone)}</dd>` : ''}
  <dt>Next deadline</dt><dd>${deadlineCell(request, timeZone)}</dd>
</dl>
<section aria-labelledby="description-heading"><h2 id="description-heading">Request</h2><p class="text">${request.description}</p></section>
${options.work ?? ''}
<section aria-labelledby="notifications-heading"><h2 id="notifications-heading">Notifications</h2>
${
  request.notifications.length === 0
    ? html`<p>No one is configured to be notified. IT sets ATTORNEY_NOTIFY_EMAILS.</p>`
    : html`<ul>${request.notifications.map(
        (notification) => html`<li>
  ${notification.event} by ${notification.channel}: <strong>${notification.status}</strong> after ${notification.attempts} ${notification.attempts === 1 ? 'attempt' : 'attempts'}${notification.lastError ? html` <span class="meta">(${notification.status === 'pending' && notification.attempts === 0 ? 'waiting' : 'last error'}: ${notification.lastError})</span>` : ''}
  ${notification.status === 'failed' ? resendForm(request.id, notification.id, options.csrfToken) : ''}
</li>`,
      )}</ul>`
}</section>
<section aria-labelledby="history-heading"><h2 id="history-heading">History</h2>
<ol class="thread">${options.transitions.map((step) => html`<li>${localTime(step.at, timeZone)}: ${step.from ? `${step.from} → ` : ''}${step.to}${step.note ? html` <span class="meta">(${step.note})</span>` : ''}</li>`)}</ol></section>
${statusForm(request, options.csrfToken)}`;
}
