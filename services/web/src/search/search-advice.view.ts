import { html, type SafeHtml } from '../html';
import { hasFilters, type SearchForm } from './search-form';
import { searchHref } from './search-paging';

/** The query language, with an example of each construct. Keep in step with @verbatim/search's parser. */
export function searchHelp(): SafeHtml {
  return html`<details class="help">
  <summary>How to write a search</summary>
  <ul>
    <li><kbd>road closure</kbd> finds records with both words, anywhere in the text.</li>
    <li><kbd>"road closure"</kbd> in double quotes finds the exact phrase.</li>
    <li><kbd>park*</kbd> finds words starting with park: park, parks, parking.</li>
    <li><kbd>parade OR festival</kbd> finds records with either word.</li>
    <li><kbd>budget NOT school</kbd> or <kbd>budget -school</kbd> leaves out records that mention school.</li>
    <li><kbd>(pool OR beach) AND hours</kbd>: brackets group words. Write AND, OR and NOT in capitals.</li>
    <li>Words removed by an edit, and deleted or hidden records, are searched too.</li>
  </ul>
</details>`;
}

/** What to try when nothing matches, from what this search actually asked for. */
export function emptyAdvice(form: SearchForm): SafeHtml {
  const words = form.q.trim();
  const firstWord = words
    .replace(/["()*-]/g, ' ')
    .split(/\s+/)
    .find((word) => word && !['AND', 'OR', 'NOT'].includes(word));
  const tips: SafeHtml[] = [];
  if (form.postedFrom && form.postedTo && form.postedFrom > form.postedTo)
    tips.push(html`<li>The From day is after the To day: swap them.</li>`);
  if (words.includes('"')) tips.push(html`<li>Drop the quotes to find the words in any order.</li>`);
  if (words.split(/\s+/).length > 1)
    tips.push(html`<li>Use fewer words, or put OR between them to find any of them.</li>`);
  if (firstWord)
    tips.push(
      html`<li>Find word beginnings with a prefix, such as <kbd>${firstWord.slice(0, 5).toLowerCase()}*</kbd>.</li>`,
    );
  if (hasFilters(form))
    tips.push(
      html`<li><a href="${searchHref({ ...blankForm(), q: form.q, sort: form.sort })}">Search again without the filters</a>, keeping the words.</li>`,
    );
  if (words)
    tips.push(
      html`<li><a href="${searchHref({ ...form, q: '' })}">Show every record the filters match</a>, without the words.</li>`,
    );
  if (tips.length === 0)
    return html`<div class="empty"><p>The archive holds no records yet. They appear after an account's first sync.</p></div>`;
  return html`<div class="empty"><p>Nothing matches this search. Try:</p><ul>${tips}</ul></div>`;
}

export function blankForm(): SearchForm {
  return {
    q: '',
    agencyId: '',
    accountId: '',
    platform: [],
    kind: [],
    status: [],
    flag: [],
    author: '',
    hasAttachments: '',
    postedFrom: '',
    postedTo: '',
    sort: '',
  };
}
