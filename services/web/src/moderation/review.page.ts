import type { ModerationReviewView } from '@verbatim/app';
import { RECORD_READER_ROLES, type PolicyCategory, type Role } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';
import { ACTIONS, decisionForm, OFFICES } from './review-queue.page';

export interface ReviewPageOptions {
  review: ModerationReviewView;
  roles: readonly Role[];
  csrfToken: string;
  timeZone: string;
  /** Every category, retired ones included, to name those the review cites. */
  categories: PolicyCategory[];
  /** A refused form: messages by field id, '' for the whole form. */
  errors: FieldErrors;
  /** The carried-out form's values as sent, shown again when refused. */
  carriedOut: { at: string; note: string };
  notice?: string;
  /** A decision the server refused, announced above the decision form. */
  decisionError?: string;
}

/**
 * The moderator's record of the platform action: when it was done (on the town's clock) and a note. Only an
 * approved review is carried out, once; the server refuses anything else and says why.
 */
function carriedOutForm(options: ReviewPageOptions): SafeHtml {
  const { errors } = options;
  return html`${errorSummary(errors, 'Nothing was recorded.')}
<form method="post" action="/moderation/reviews/${options.review.id}/carried-out" class="stack it-form" aria-labelledby="carried-out-heading">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'at', label: `Carried out on the platform at (${options.timeZone} time)`, hint: 'The day and time you removed the comment or banned the user on the platform itself.', errors, control: html`<input id="at" name="at" type="datetime-local" required value="${options.carriedOut.at}"${invalidAttributes('at', errors, true)}>` })}
  ${field({ id: 'carried-out-note', label: 'Note (optional)', errors, control: html`<textarea id="carried-out-note" name="note" rows="2" maxlength="4000"${invalidAttributes('carried-out-note', errors)}>${options.carriedOut.note}</textarea>` })}
  <button type="submit">Record as carried out</button>
</form>`;
}

function carriedOutSection(options: ReviewPageOptions): SafeHtml {
  const { review, timeZone } = options;
  let content: SafeHtml;
  if (review.carriedOut)
    content = html`<p>Carried out on the platform ${localTime(review.carriedOut.at, timeZone)}${review.carriedOut.note ? html`: ${review.carriedOut.note}` : ''}.</p>`;
  else if (review.status !== 'approved')
    content = html`<p>Only an approved action is carried out; this review is ${review.status}.</p>`;
  else if (options.roles.includes('moderator')) content = carriedOutForm(options);
  else content = html`<p>Approved; the moderator has not recorded it as carried out yet.</p>`;
  return html`<section aria-labelledby="carried-out-heading"><h2 id="carried-out-heading">On the platform</h2>
${content}
</section>`;
}

/** One review: what was proposed and why, each decision, and when the approved action was carried out. */
export function reviewBody(options: ReviewPageOptions): SafeHtml {
  const { review, timeZone } = options;
  const labels = new Map(options.categories.map((category) => [category.id, category.label]));
  const readsRecords = options.roles.some((role) => RECORD_READER_ROLES.includes(role));
  return html`<p><a href="/moderation/reviews">All moderation reviews</a></p>
<h1>${ACTIONS[review.action]}: <span class="badge">${review.status}</span></h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
<dl class="facts">
  <dt>Record</dt><dd>${readsRecords ? html`<a href="/records/${review.recordId}">${review.recordId}</a>` : html`<code>${review.recordId}</code>`}</dd>
  <dt>Proposed</dt><dd>${localTime(review.proposedAt, timeZone)}</dd>
  <dt>Comment policy categories</dt><dd>${review.categories.map((id) => labels.get(id) ?? id).join('; ')}</dd>
  <dt>Note</dt><dd>${review.note}</dd>
  ${review.awaiting.length > 0 ? html`<dt>Waiting for</dt><dd>${review.awaiting.map((office) => OFFICES[office]).join(' and ')}</dd>` : ''}
</dl>
<section aria-labelledby="decisions-heading"><h2 id="decisions-heading">Decisions</h2>
${options.decisionError ? html`<p class="error" role="alert">${options.decisionError}</p>` : ''}
${review.decisions.length === 0 ? html`<p>No decision yet.</p>` : html`<ul>${review.decisions.map((decision) => html`<li>${decision.decision === 'approve' ? 'Approved' : 'Denied'} by ${OFFICES[decision.capacity]} ${localTime(decision.at, timeZone)}${decision.note ? html`: ${decision.note}` : ''}</li>`)}</ul>`}
${decisionForm(review, { roles: options.roles, csrfToken: options.csrfToken, returnTo: 'review' })}
</section>
${carriedOutSection(options)}`;
}
