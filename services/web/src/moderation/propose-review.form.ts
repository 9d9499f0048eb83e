import type { PolicyCategory } from '@verbatim/core';
import { html, type SafeHtml } from '../html';

export interface ProposeFormOptions {
  categories: PolicyCategory[];
  csrfToken: string;
  /** The record to propose for, when the form was opened from one. */
  recordId?: string;
}

/**
 * A moderator's proposal: the record, remove the comment or ban the user, the policy's categories (Exhibit A)
 * and a note. Nothing happens on the platform; the attorney's office is notified and decides.
 */
export function proposeReviewForm(options: ProposeFormOptions): SafeHtml {
  return html`<section aria-labelledby="propose-heading"><h2 id="propose-heading">Propose a removal or a ban</h2>
<form method="post" action="/moderation/reviews">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <p><label for="recordId">The comment: its link on the platform, or its record id</label>
  <input id="recordId" name="recordId" required value="${options.recordId ?? ''}"></p>
  <fieldset><legend>Action</legend>
    <p><input type="radio" id="action-remove" name="action" value="remove-comment" checked> <label for="action-remove">Remove the comment</label></p>
    <p><input type="radio" id="action-ban" name="action" value="ban-user"> <label for="action-ban">Ban the user (needs the Director of IT too)</label></p>
  </fieldset>
  <fieldset><legend>What it breaks of the comment policy (one or more; never its viewpoint)</legend>
    ${options.categories.map(
      (category) =>
        html`<p><input type="checkbox" id="category-${category.id}" name="categories" value="${category.id}"> <label for="category-${category.id}">${category.label}</label></p>`,
    )}
  </fieldset>
  <p><label for="proposal-note">Note for the attorney's office</label>
  <textarea id="proposal-note" name="note" rows="3" required></textarea></p>
  <button type="submit">Send for review</button>
</form>
</section>`;
}
