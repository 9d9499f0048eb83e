import { html, type SafeHtml } from '../html';

/** Compliant or not, as a badge whose words carry the meaning (the color only repeats it). */
export function complianceBadge(compliant: boolean): SafeHtml {
  return compliant
    ? html`<span class="badge badge-live">Compliant</span>`
    : html`<span class="badge badge-deleted">Not compliant</span>`;
}

/** The reasons as a list, or "Nothing missing." */
export function reasonList(reasons: readonly string[]): SafeHtml {
  return reasons.length === 0
    ? html`<p>Nothing missing.</p>`
    : html`<ul class="reasons">${reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`;
}
