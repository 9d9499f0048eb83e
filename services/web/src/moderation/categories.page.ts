import type { PolicyCategory } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { errorSummary, field, invalidAttributes, type FieldErrors } from '../it/form-field';

export interface CategoriesPageOptions {
  /** Every category, retired ones included. */
  categories: PolicyCategory[];
  mayEdit: boolean;
  csrfToken: string;
  timeZone: string;
  /** What was typed into the add form (kept when it is refused). */
  newLabel: string;
  /** Refusals by field id: `label` for the add form, `label-<id>` for a rename. */
  errors: FieldErrors;
  /** What was typed into a refused rename, by category id. */
  renames: Map<string, string>;
}

/** The rename field of one category: labelled for screen readers, its refusal read out with it. */
function renameForm(category: PolicyCategory, options: CategoriesPageOptions): SafeHtml {
  const id = `label-${category.id}`;
  const error = options.errors.get(id);
  return html`<form method="post" action="/moderation/categories/${category.id}" class="inline">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <label for="${id}" class="visually-hidden">New wording for “${category.label}”</label>
  ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  <input id="${id}" name="label" required maxlength="300" value="${options.renames.get(category.id) ?? category.label}"${invalidAttributes(id, options.errors)}>
  <button type="submit" aria-label="Rename “${category.label}”">Rename</button>
</form>`;
}

function retireForm(category: PolicyCategory, csrfToken: string): SafeHtml {
  const retired = category.retiredAt !== null;
  return html`<form method="post" action="/moderation/categories/${category.id}/${retired ? 'restore' : 'retire'}" class="inline">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <button type="submit" aria-label="${retired ? 'Bring back' : 'Retire'} “${category.label}”">${retired ? 'Bring back' : 'Retire'}</button>
</form>`;
}

function categoryRow(category: PolicyCategory, options: CategoriesPageOptions): SafeHtml {
  const status = category.retiredAt
    ? html`retired ${localTime(category.retiredAt, options.timeZone)}`
    : 'offered to moderators';
  return html`<tr><th scope="row">${options.mayEdit ? renameForm(category, options) : category.label}</th>
  <td><code>${category.id}</code></td>
  <td>${status}</td>
  ${options.mayEdit ? html`<td>${retireForm(category, options.csrfToken)}</td>` : ''}</tr>`;
}

/**
 * The removal categories (Westport's Exhibit A as seed): everyone who opens the moderation pages reads them;
 * IT and the attorney's office add, rename, retire and bring them back. A label that reads as a viewpoint rule is
 * refused, and the form says why beside the field.
 */
export function categoriesBody(options: CategoriesPageOptions): SafeHtml {
  const { categories, errors } = options;
  const inUse = categories.filter((category) => category.retiredAt === null).length;
  return html`<h1>Removal categories</h1>
<p>A comment may be removed only for one of these categories (the town's Social Media Policy, Exhibit A), never for the viewpoint it expresses. A retired category is no longer offered to moderators but stays on the reviews that cite it. Back to the <a href="/moderation/reviews">moderation reviews</a>.</p>
${errorSummary(errors, 'Nothing was changed.')}
<div class="table-wrap" role="region" aria-label="Categories (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${inUse} in use, ${categories.length - inUse} retired</caption>
  <thead><tr><th scope="col">Category</th><th scope="col">Id</th><th scope="col">Status</th>${options.mayEdit ? html`<th scope="col">Change</th>` : ''}</tr></thead>
  <tbody>${categories.map((category) => categoryRow(category, options))}</tbody>
</table></div>
${
  options.mayEdit
    ? html`<h2 id="add-category">Add a category</h2>
<form method="post" action="/moderation/categories" class="stack it-form" aria-labelledby="add-category">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  ${field({ id: 'label', label: 'Wording', errors, hint: 'Name the conduct the policy forbids (e.g. "Posts the same advertisement repeatedly"), never an opinion about the town or its officials.', control: html`<input id="label" name="label" required maxlength="300" value="${options.newLabel}"${invalidAttributes('label', errors, true)}>` })}
  <button type="submit">Add category</button>
</form>`
    : ''
}`;
}
