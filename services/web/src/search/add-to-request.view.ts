import type { FoiaRequestView } from '@verbatim/foia';
import { html, type SafeHtml } from '../html';
import { savedSearchEntries, type SearchForm } from './search-form';
import { PICK_FORM_ID } from './search-hit.view';

/** Where both forms post. The request is a field, since a chosen option cannot change a form's action without scripts. */
export const ADD_TO_REQUEST_ACTION = '/requests/items';

function requestChoice(id: string, label: string, requests: FoiaRequestView[]): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label>
  <select id="${id}" name="requestId" required>${requests.map((request) => html`<option value="${request.id}">${request.number} · ${request.requester.name} (${request.status})</option>`)}</select></div>`;
}

/**
 * "Add results to a FOIA request", for officers and the attorney's office. Both forms POST (urlencoded) to
 * `/requests/items` with:
 * - `csrf`: the session's CSRF token; `requestId`: the open request chosen;
 * - `source=search`: add the whole search as a saved search. The search comes as the search URL's own fields,
 *   each only when set: `q`, `agencyId`, `accountId`, `author`, `hasAttachments` (`true`|`false`), `sort`
 *   (`relevance`|`newest`|`oldest`), `platform`, `kind` and `status` (repeated for several), and `postedFrom` /
 *   `postedTo` as the UTC instants the search used (start of the From day, end of the To day, town's zone).
 *   Leaving out `csrf`, `source` and `requestId`, they are exactly the API's saved-search query fields.
 * - `source=pick`: add the records ticked in the results: `recordId`, repeated, one per record.
 */
export function addToRequestSection(options: {
  form: SearchForm;
  total: number;
  requests: FoiaRequestView[];
  csrfToken: string;
  timeZone: string;
  canLog: boolean;
}): SafeHtml {
  const { requests } = options;
  const intro = html`<h2 id="add-heading">Add results to a FOIA request</h2>`;
  if (requests.length === 0) {
    return html`<section aria-labelledby="add-heading" class="add-to-request">${intro}
<p>There is no open request to add records to.${options.canLog ? html` <a href="/requests/new">Log a request</a> first.` : ''}</p></section>`;
  }
  return html`<section aria-labelledby="add-heading" class="add-to-request">${intro}
<div class="add-forms">
<form method="post" action="${ADD_TO_REQUEST_ACTION}" class="stack">
  <h3>Every matching record</h3>
  <p class="hint">Saves this search on the request, with its filters, and adds the ${options.total.toLocaleString('en-US')} records it finds now.</p>
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <input type="hidden" name="source" value="search">
  ${savedSearchEntries(options.form, options.timeZone).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  ${requestChoice('add-search-request', 'Request for all matching records', requests)}
  <button type="submit">Add all ${options.total.toLocaleString('en-US')} matching records</button>
</form>
<form method="post" action="${ADD_TO_REQUEST_ACTION}" id="${PICK_FORM_ID}" class="stack">
  <h3>Only the records you pick</h3>
  <p class="hint">Tick "Pick" beside records on this page of results, then add them.</p>
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <input type="hidden" name="source" value="pick">
  ${requestChoice('add-picked-request', 'Request for the picked records', requests)}
  <button type="submit">Add picked records</button>
</form>
</div></section>`;
}
