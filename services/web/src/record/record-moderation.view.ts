import type { ModerationReviewView, PolicyFlag } from '@verbatim/app';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

const ACTIONS = { 'remove-comment': 'Remove the comment', 'ban-user': 'Ban the user' } as const;
const OFFICES = { attorney: "the attorney's office", 'it-director': 'the Director of IT' } as const;

function flagsList(flags: readonly PolicyFlag[]): SafeHtml {
  if (flags.length === 0)
    return html`<p>No policy flags: nothing in the text matches what the comment policy forbids.</p>`;
  return html`<ul>
  ${flags.map(
    (flag) =>
      html`<li><strong>${flag.reason}</strong> (suggests the category <code>${flag.category}</code>): ${flag.evidence.join('; ')}</li>`,
  )}
</ul>`;
}

function reviewItem(review: ModerationReviewView, timeZone: string): SafeHtml {
  return html`<li><strong>${ACTIONS[review.action]}</strong>, <span class="badge">${review.status}</span>, proposed ${localTime(review.proposedAt, timeZone)} citing ${review.categories.join(', ')}: ${review.note}
  ${review.decisions.length > 0 ? html`<ul>${review.decisions.map((decision) => html`<li>${decision.decision === 'approve' ? 'Approved' : 'Denied'} by ${OFFICES[decision.capacity]} ${localTime(decision.at, timeZone)}${decision.note ? html`: ${decision.note}` : ''}</li>`)}</ul>` : ''}
  ${review.carriedOut ? html`<p>Carried out on the platform ${localTime(review.carriedOut.at, timeZone)}.</p>` : ''}
</li>`;
}

/**
 * The record's moderation: the policy flags (suggestions for moderators, never actions) and every review of it,
 * with its decisions. The archived item stays whatever was decided.
 */
export function moderationSection(
  flags: readonly PolicyFlag[],
  reviews: readonly ModerationReviewView[],
  timeZone: string,
): SafeHtml {
  return html`<section aria-labelledby="moderation-heading"><h2 id="moderation-heading">Moderation</h2>
<h3>Policy flags</h3>
${flagsList(flags)}
<h3>Review history</h3>
${reviews.length === 0 ? html`<p>No removal or ban of this item was proposed.</p>` : html`<ul>${reviews.map((review) => reviewItem(review, timeZone))}</ul>`}
</section>`;
}
