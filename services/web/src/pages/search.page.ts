import type { ArchiveRecord, FacetCount, RecordStatus, SearchResult } from '@verbatim/core';
import { localTime } from '../format-time';
import { html, trusted, type SafeHtml } from '../html';

export const STATUSES: RecordStatus[] = ['live', 'edited', 'hidden', 'deleted'];
export const KINDS = ['post', 'comment', 'reply', 'message'] as const;

export interface SearchForm {
  q: string;
  status: string[];
  kind: string;
  postedFrom: string;
  postedTo: string;
  sort: string;
}

function countOf(facets: FacetCount[] | undefined, value: string): number {
  return facets?.find((facet) => facet.value === value)?.count ?? 0;
}

function filters(form: SearchForm, result: SearchResult | null): SafeHtml {
  return html`<fieldset class="filters">
  <legend>Status</legend>
  ${STATUSES.map((status) => html`<label class="check"><input type="checkbox" name="status" value="${status}"${form.status.includes(status) ? html` checked` : ''}>
    ${status}${result ? html` <span class="count">(${countOf(result.facets.status, status)})</span>` : ''}</label>`)}
</fieldset>
<div class="row">
  <div class="field"><label for="kind">Kind</label>
    <select id="kind" name="kind"><option value="">Any kind</option>
      ${KINDS.map((kind) => html`<option value="${kind}"${form.kind === kind ? html` selected` : ''}>${kind}</option>`)}
    </select></div>
  <div class="field"><label for="postedFrom">Posted from</label><input id="postedFrom" name="postedFrom" type="date" value="${form.postedFrom}"></div>
  <div class="field"><label for="postedTo">Posted to</label><input id="postedTo" name="postedTo" type="date" value="${form.postedTo}"></div>
  <div class="field"><label for="sort">Sort</label>
    <select id="sort" name="sort">
      ${[['', 'Best match'], ['newest', 'Newest first'], ['oldest', 'Oldest first']].map(([value, label]) => html`<option value="${value}"${form.sort === value ? html` selected` : ''}>${label}</option>`)}
    </select></div>
</div>`;
}

function badge(status: RecordStatus): SafeHtml | string {
  return status === 'live' ? '' : html`<span class="badge badge-${status}">${status}</span>`;
}

function hit(record: ArchiveRecord, highlight: string | undefined, timeZone: string): SafeHtml {
  return html`<li class="hit">
  <h3><a href="/records/${record.id}">${record.kind} by ${record.author.name}</a> ${badge(record.status)}</h3>
  <p class="meta">Posted ${localTime(record.postedAt, timeZone)} · ${record.platform}</p>
  <p class="snippet">${highlight ? trusted(highlight) : record.text.slice(0, 280)}</p>
</li>`;
}

/** The search page: one query box with syntax help, filters with counts, results, and cursor paging in the URL. */
export function searchBody(options: {
  form: SearchForm; result: SearchResult | null; records: Map<string, ArchiveRecord>; error?: string; nextHref?: string; timeZone: string;
}): SafeHtml {
  const { form, result } = options;
  return html`<h1>Search the archive</h1>
<form method="get" action="/search" role="search" class="stack">
  <div class="field">
    <label for="q">Words to find</label>
    <input id="q" name="q" type="search" value="${form.q}" aria-describedby="q-help">
    <p id="q-help" class="hint">All words must match. Use "quotes" for a phrase, park* for words starting with park, and AND, OR, NOT or -word.</p>
  </div>
  ${filters(form, result)}
  <button type="submit">Search</button>
</form>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${result ? html`<section aria-labelledby="results-heading">
  <h2 id="results-heading">${result.total.toLocaleString('en-US')} ${result.total === 1 ? 'record' : 'records'} found</h2>
  ${result.total === 0 ? html`<p>Nothing matches. Try fewer words, a prefix such as <kbd>road*</kbd>, or clear a filter.</p>` : ''}
  <ol class="hits">${result.hits.filter((found) => options.records.has(found.id)).map((found) => hit(options.records.get(found.id)!, found.highlight, options.timeZone))}</ol>
  ${options.nextHref ? html`<p><a class="next" href="${options.nextHref}">Next page</a></p>` : ''}
</section>` : ''}`;
}
