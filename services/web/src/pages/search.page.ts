import type { ArchiveRecord, SearchResult } from '@verbatim/core';
import type { FoiaRequestView } from '@verbatim/foia';
import { html, type SafeHtml } from '../html';
import { addToRequestSection } from '../search/add-to-request.view';
import { emptyAdvice, searchHelp } from '../search/search-advice.view';
import type { SearchNames } from '../search/search-choices';
import { searchFilters } from '../search/search-filters.view';
import type { SearchForm } from '../search/search-form';
import { searchHit } from '../search/search-hit.view';
import {
  FIRST_PAGE,
  nextPosition,
  pageNumber,
  previousPosition,
  searchHref,
  type PagePosition,
} from '../search/search-paging';

export interface SearchPageOptions {
  form: SearchForm;
  position: PagePosition;
  result: SearchResult | null;
  records: Map<string, ArchiveRecord>;
  names: SearchNames;
  timeZone: string;
  error?: string;
  /** Present for people who gather records for FOIA requests: the open requests they can add to. */
  gathering?: { requests: FoiaRequestView[]; csrfToken: string; canLog: boolean };
}

function pager(form: SearchForm, position: PagePosition, nextCursor: string | null): SafeHtml | string {
  const previous = previousPosition(position);
  if (!previous && !nextCursor) return '';
  const number = pageNumber(position);
  return html`<nav class="pager" aria-label="Result pages"><ul>
  ${position.cursor && position.back.length > 0 ? html`<li><a href="${searchHref(form, FIRST_PAGE)}">First page</a></li>` : ''}
  ${previous ? html`<li><a rel="prev" href="${searchHref(form, previous)}">Previous page</a></li>` : ''}
  ${number ? html`<li aria-current="page">Page ${number}</li>` : ''}
  ${nextCursor ? html`<li><a rel="next" class="next" href="${searchHref(form, nextPosition(position, nextCursor))}">Next page</a></li>` : ''}
</ul></nav>`;
}

function results(options: SearchPageOptions & { result: SearchResult }): SafeHtml {
  const { result, form } = options;
  const hits = result.hits.filter((found) => options.records.has(found.id));
  const pickable = Boolean(options.gathering?.requests.length);
  return html`<section aria-labelledby="results-heading">
  <h2 id="results-heading">${result.total.toLocaleString('en-US')} ${result.total === 1 ? 'record' : 'records'} found</h2>
  ${result.total === 0 ? emptyAdvice(form) : ''}
  <ol class="hits">${hits.map((found) => searchHit(options.records.get(found.id)!, found.highlight, { names: options.names, timeZone: options.timeZone, pickable }))}</ol>
  ${pager(form, options.position, result.nextCursor)}
</section>
${options.gathering && result.total > 0 ? addToRequestSection({ form, total: result.total, timeZone: options.timeZone, ...options.gathering }) : ''}`;
}

/** The search page: the query box with its syntax help, every filter with counts, results, paging in the URL. */
export function searchBody(options: SearchPageOptions): SafeHtml {
  const { form, result } = options;
  return html`<h1>Search the archive</h1>
<form method="get" action="/search" role="search" class="stack">
  <div class="field">
    <label for="q">Words to find</label>
    <input id="q" name="q" type="search" value="${form.q}" aria-describedby="q-help">
    <p id="q-help" class="hint">All words must match. Use "quotes" for a phrase, park* for words starting with park, and AND, OR, NOT (in capitals) or -word.</p>
  </div>
  ${searchHelp()}
  ${searchFilters(form, result?.facets ?? null, options.names, options.timeZone)}
  <div class="row"><button type="submit">Search</button> <a class="clear" href="/search">Start over</a></div>
</form>
${options.error ? html`<div class="error" role="alert"><p>${options.error}</p>${options.position.cursor ? html`<p><a href="${searchHref(form, FIRST_PAGE)}">Go to the first page of this search</a></p>` : ''}</div>` : ''}
${result ? results({ ...options, result }) : ''}`;
}
