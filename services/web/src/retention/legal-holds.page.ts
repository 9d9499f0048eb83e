import type { Account, LegalHold } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

export interface HoldForm {
  scope: string;
  accountId: string;
  savedSearchId: string;
  reason: string;
}

export const EMPTY_HOLD_FORM: HoldForm = { scope: 'account', accountId: '', savedSearchId: '', reason: '' };

const covers = (hold: LegalHold, accounts: Account[]) => {
  if (hold.scope === 'account')
    return `account ${accounts.find((a) => a.id === hold.accountId)?.handle ?? hold.accountId}`;
  if (hold.scope === 'saved-search') return `saved search ${hold.savedSearchId} of request ${hold.requestId}`;
  return html`records gathered for <a href="/requests/${hold.requestId}">the request</a>`;
};

/** Every hold, active first; the attorney releases hand-placed ones; the form places one. */
export function legalHoldsBody(options: {
  holds: LegalHold[];
  accounts: Account[];
  form: HoldForm;
  errors: FieldErrors;
  mayPlace: boolean;
  mayRelease: boolean;
  csrfToken: string;
  timeZone: string;
}): SafeHtml {
  const { holds, form, errors } = options;
  const ordered = [...holds.filter((hold) => !hold.releasedAt), ...holds.filter((hold) => hold.releasedAt)];
  return html`<h1>Legal holds</h1>
<p>While a hold is active nothing it covers is disposed. An open FOIA request holds what it gathered; closing or withdrawing the request releases that hold.</p>
${
  ordered.length === 0
    ? html`<p class="empty">No holds.</p>`
    : html`<div class="table-wrap" role="region" aria-label="Legal holds (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${ordered.filter((hold) => !hold.releasedAt).length} active of ${ordered.length}</caption>
  <thead><tr><th scope="col">Covers</th><th scope="col">Why</th><th scope="col">Placed</th><th scope="col">Released</th></tr></thead>
  <tbody>${ordered.map(
    (hold) => html`<tr><th scope="row">${covers(hold, options.accounts)}${hold.automatic ? ' (automatic)' : ''}</th>
    <td>${hold.reason}</td>
    <td>${localTime(hold.placedAt, options.timeZone)} by ${hold.placedBy}</td>
    <td>${
      hold.releasedAt
        ? html`${localTime(hold.releasedAt, options.timeZone)} by ${hold.releasedBy}: ${hold.releaseNote}`
        : options.mayRelease && !hold.automatic
          ? html`<form method="post" action="/legal-holds/${hold.id}/release" class="inline-form">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <label for="note-${hold.id}">Why release</label>
  <input id="note-${hold.id}" name="note" required minlength="3" maxlength="2000">
  <button type="submit">Release</button></form>`
          : 'active'
    }</td></tr>`,
  )}</tbody>
</table></div>`
}
${
  options.mayPlace
    ? html`<h2 id="place-hold">Place a hold</h2>
${errorSummary(errors, 'The hold was not placed.')}
<form method="post" action="/legal-holds" class="stack it-form" aria-labelledby="place-hold">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <fieldset><legend>Hold</legend>
    <div><input type="radio" id="scope-account" name="scope" value="account"${form.scope !== 'saved-search' ? html` checked` : ''}> <label for="scope-account">an account</label></div>
    <div><input type="radio" id="scope-search" name="scope" value="saved-search"${form.scope === 'saved-search' ? html` checked` : ''}> <label for="scope-search">a FOIA request's saved search</label></div>
  </fieldset>
  ${field({ id: 'accountId', label: 'Account (for an account hold)', errors, control: html`<select id="accountId" name="accountId"${invalidAttributes('accountId', errors)}><option value="">choose</option>${options.accounts.map((account) => html`<option value="${account.id}"${form.accountId === account.id ? html` selected` : ''}>${account.platform} ${account.handle}</option>`)}</select>` })}
  ${field({ id: 'savedSearchId', label: 'Saved search id (for a saved-search hold)', errors, hint: "Shown on the request's records page, e.g. srch_…", control: html`<input id="savedSearchId" name="savedSearchId" value="${form.savedSearchId}"${invalidAttributes('savedSearchId', errors, true)}>` })}
  ${field({ id: 'reason', label: 'Reason', errors, control: html`<textarea id="reason" name="reason" required maxlength="2000"${invalidAttributes('reason', errors)}>${form.reason}</textarea>` })}
  <button type="submit">Place hold</button>
</form>`
    : ''
}`;
}
