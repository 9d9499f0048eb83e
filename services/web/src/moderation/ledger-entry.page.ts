import { resolutionText, type ModerationLedgerRow, type ModerationReviewView } from '@verbatim/app';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

export interface LedgerEntryPageOptions {
  entry: ModerationLedgerRow;
  /** The approved reviews of the entry's record, which the attorney may link after the fact. */
  approvedReviews: ModerationReviewView[];
  /** Whether the viewer settles entries (the attorney's office). */
  settles: boolean;
  csrfToken: string;
  timeZone: string;
  /** A refused form: messages by field id, '' for the whole form. */
  errors: FieldErrors;
  /** The reason as sent, shown again when refused. */
  reason: string;
  notice?: string;
}

const CHANGES = { hidden: 'Hidden on the platform', deleted: 'Vanished from the platform' } as const;

function linkReviewForm(options: LedgerEntryPageOptions): SafeHtml {
  const { errors, entry } = options;
  if (options.approvedReviews.length === 0)
    return html`<p>No approved review of this record is on record to link. If none was needed, say why below.</p>`;
  return html`<form method="post" action="/moderation/ledger/${entry.id}/resolution" class="stack it-form" aria-labelledby="link-heading">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <input type="hidden" name="settle" value="review">
  ${field({ id: 'reviewId', label: 'The approved review', errors, control: html`<select id="reviewId" name="reviewId"${invalidAttributes('reviewId', errors)}>${options.approvedReviews.map((review) => html`<option value="${review.id}">${review.id}: ${review.note.slice(0, 80)}</option>`)}</select>` })}
  <button type="submit">Link this review</button>
</form>`;
}

function reasonForm(options: LedgerEntryPageOptions): SafeHtml {
  const { errors, entry } = options;
  return html`<form method="post" action="/moderation/ledger/${entry.id}/resolution" class="stack it-form" aria-labelledby="reason-heading">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <input type="hidden" name="settle" value="reason">
  ${field({ id: 'reason', label: 'Why no review was needed', hint: 'For example: the author deleted it themself.', errors, control: html`<textarea id="reason" name="reason" rows="3" required minlength="3" maxlength="2000"${invalidAttributes('reason', errors, true)}>${options.reason}</textarea>` })}
  <button type="submit">Record why no review was needed</button>
</form>`;
}

function settleSection(options: LedgerEntryPageOptions): SafeHtml | string {
  if (!options.entry.flagged || !options.settles) return '';
  return html`<section aria-labelledby="settle-heading"><h2 id="settle-heading">Settle this entry</h2>
${errorSummary(options.errors, 'The entry was not settled.')}
<h3 id="link-heading">Link the review that approved it</h3>
${linkReviewForm(options)}
<h3 id="reason-heading">Or record why none was needed</h3>
${reasonForm(options)}
</section>`;
}

/** One ledger entry: what happened to which item and when, the review that approved it or how it was settled. */
export function ledgerEntryBody(options: LedgerEntryPageOptions): SafeHtml {
  const { entry, timeZone } = options;
  const settled = resolutionText(entry);
  return html`<p><a href="/moderation/ledger">The moderation ledger</a></p>
<h1>${CHANGES[entry.change]}: ${entry.kind} by ${entry.author}</h1>
${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
<dl class="facts">
  <dt>Detected</dt><dd>${localTime(entry.detectedAt, timeZone)}</dd>
  <dt>Account</dt><dd>${entry.account}</dd>
  <dt>Item</dt><dd><a href="/records/${entry.recordId}">${entry.text.slice(0, 200) || entry.recordId}</a></dd>
  <dt>Approving review</dt><dd>${entry.reviewId ? html`<a href="/moderation/reviews/${entry.reviewId}">${entry.reviewId}</a>` : 'none on record when it was detected'}</dd>
  <dt>Status</dt><dd>${entry.flagged ? html`<strong>Unreviewed</strong>: no approved review, not settled yet` : settled || 'Not flagged'}</dd>
</dl>
${settleSection(options)}`;
}
