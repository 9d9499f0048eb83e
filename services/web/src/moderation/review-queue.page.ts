import type { ModerationReviewView } from '@verbatim/app';
import type { Role } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { proposeReviewForm } from './propose-review.form';
import type { PolicyCategory } from '@verbatim/core';

export const ACTIONS = { 'remove-comment': 'Remove a comment', 'ban-user': 'Ban a user' } as const;
export const OFFICES = { attorney: "the attorney's office", 'it-director': 'the Director of IT' } as const;

/** What a decision form needs: whose roles decide, and the session's CSRF token. */
export interface DecisionFormOptions {
  roles: readonly Role[];
  csrfToken: string;
  /** Where the server sends the reviewer back to after the decision. */
  returnTo?: 'queue' | 'review';
}

export interface ReviewQueueOptions {
  reviews: ModerationReviewView[];
  roles: readonly Role[];
  csrfToken: string;
  timeZone: string;
  /** A decision the server refused, shown above the list. */
  error?: string;
  /** The categories in use, for a moderator's proposal form. */
  categories: PolicyCategory[];
}

function age(review: ModerationReviewView): string {
  if (review.ageHours === null) return '';
  return review.ageHours < 48 ? `waiting ${review.ageHours} h` : `waiting ${Math.floor(review.ageHours / 24)} days`;
}

/** Approve or deny, for the offices the review still waits for and the viewer holds. */
export function decisionForm(review: ModerationReviewView, options: DecisionFormOptions): SafeHtml {
  const mine = review.awaiting.filter((office) => options.roles.includes(office));
  if (review.status !== 'pending' || mine.length === 0) return html``;
  const note = `note-${review.id}`;
  return html`<form method="post" action="/moderation/reviews/${review.id}/decisions">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${options.returnTo === 'review' ? html`<input type="hidden" name="returnTo" value="review">` : ''}
  <label for="${note}">Note (required to deny)</label>
  <textarea id="${note}" name="note" rows="2"></textarea>
  <button type="submit" name="decision" value="approve">Approve as ${OFFICES[mine[0]]}</button>
  <button type="submit" name="decision" value="deny">Deny</button>
</form>`;
}

/** When the approved action was done on the platform; or, to its moderator, where to record it. */
function carriedOutLine(review: ModerationReviewView, options: ReviewQueueOptions): SafeHtml | string {
  if (review.carriedOut)
    return html`<p>Carried out on the platform ${localTime(review.carriedOut.at, options.timeZone)}.</p>`;
  if (review.status !== 'approved' || !options.roles.includes('moderator')) return '';
  return html`<p>Approved: once done on the platform, <a href="/moderation/reviews/${review.id}#carried-out-heading">record when it was carried out</a>.</p>`;
}

function reviewItem(review: ModerationReviewView, options: ReviewQueueOptions): SafeHtml {
  const { timeZone } = options;
  return html`<li>
  <h3><a href="/moderation/reviews/${review.id}">${ACTIONS[review.action]}</a>: <span class="badge">${review.status}</span> ${age(review)}</h3>
  <p>Proposed ${localTime(review.proposedAt, timeZone)} for <code>${review.categories.join(', ')}</code>: ${review.note}</p>
  <p>Record <code>${review.recordId}</code>${review.awaiting.length > 0 ? html`; waiting for ${review.awaiting.map((office) => OFFICES[office]).join(' and ')}` : ''}.</p>
  ${review.decisions.length > 0 ? html`<ul>${review.decisions.map((decision) => html`<li>${decision.decision === 'approve' ? 'Approved' : 'Denied'} by ${OFFICES[decision.capacity]} ${localTime(decision.at, timeZone)}${decision.note ? html`: ${decision.note}` : ''}</li>`)}</ul>` : ''}
  ${carriedOutLine(review, options)}
  ${decisionForm(review, options)}
</li>`;
}

/**
 * The review queue: pending reviews first with their age; the attorney's office and the Director of IT decide
 * from here, a moderator follows their own proposals.
 */
export function reviewQueueBody(options: ReviewQueueOptions): SafeHtml {
  const pending = options.reviews.filter((review) => review.status === 'pending');
  const decided = options.reviews.filter((review) => review.status !== 'pending');
  return html`<h1>Moderation reviews</h1>
<p><a href="/moderation/categories">Removal categories</a>: what a comment may be removed for (Exhibit A)${options.roles.some((role) => ['attorney', 'it-director', 'it-admin'].includes(role)) ? ", and where IT and the attorney's office keep them" : ''}.</p>
${options.roles.some((role) => ['attorney', 'it-director', 'it-admin', 'auditor'].includes(role)) ? html`<p><a href="/moderation/ledger">The moderation ledger</a>: every hide and removal, and the unreviewed ones.</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${options.roles.includes('moderator') ? proposeReviewForm({ categories: options.categories, csrfToken: options.csrfToken }) : ''}
<section aria-labelledby="pending-heading"><h2 id="pending-heading">Pending (${pending.length})</h2>
${pending.length === 0 ? html`<p>Nothing waits for a decision.</p>` : html`<ul>${pending.map((review) => reviewItem(review, options))}</ul>`}
</section>
<section aria-labelledby="decided-heading"><h2 id="decided-heading">Decided (${decided.length})</h2>
${decided.length === 0 ? html`<p>No review was decided yet.</p>` : html`<ul>${decided.map((review) => reviewItem(review, options))}</ul>`}
</section>`;
}
