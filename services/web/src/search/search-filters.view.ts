import type { FacetCount, FacetName } from '@verbatim/core';
import { html, type SafeHtml } from '../html';
import type { SearchNames } from './search-choices';
import { FLAGS, KINDS, STATUSES, type SearchForm } from './search-form';

type Facets = Record<FacetName, FacetCount[]> | null;

interface Option {
  value: string;
  label: string;
}

/** The policy flags in plain words; each suggests an Exhibit A category for a moderator to look at. */
const FLAG_LABELS: Record<(typeof FLAGS)[number], string> = {
  'personal-information': 'Personal information',
  spam: 'Repeated text or spam',
  commercial: 'Commercial offer',
  crowdfunding: 'Crowdfunding link',
  profanity: 'Profanity',
  threat: 'Threat',
};

const countOf = (facets: Facets, name: FacetName, value: string): number | null =>
  facets ? (facets[name].find((facet) => facet.value === value)?.count ?? 0) : null;
const withCount = (label: string, count: number | null) =>
  count === null ? label : `${label} (${count.toLocaleString('en-US')})`;
const checked = (on: boolean) => (on ? html` checked` : '');
const selected = (on: boolean) => (on ? html` selected` : '');

function checkboxGroup(
  legend: string,
  name: FacetName & keyof SearchForm,
  options: Option[],
  chosen: string[],
  facets: Facets,
): SafeHtml {
  return html`<fieldset class="choice-group"><legend>${legend}</legend>
  ${options.map(({ value, label }) => {
    const count = countOf(facets, name, value);
    return html`<label class="check"><input type="checkbox" name="${name}" value="${value}"${checked(chosen.includes(value))}> ${label}${count === null ? '' : html` <span class="count">(${count.toLocaleString('en-US')})</span>`}</label>`;
  })}
</fieldset>`;
}

function selectField(
  name: FacetName & keyof SearchForm,
  label: string,
  anyLabel: string,
  options: Option[],
  chosen: string,
  facets: Facets,
): SafeHtml {
  return html`<div class="field"><label for="${name}">${label}</label>
  <select id="${name}" name="${name}"><option value="">${anyLabel}</option>
    ${options.map(({ value, label: text }) => html`<option value="${value}"${selected(chosen === value)}>${withCount(text, countOf(facets, name, value))}</option>`)}
  </select></div>`;
}

/** Values to offer: every one known beforehand, then any the results or the URL bring. */
function optionsOf(known: Iterable<[string, string]>, found: FacetCount[] | undefined, chosen: string): Option[] {
  const options = new Map(known);
  for (const { value } of found ?? []) if (!options.has(value)) options.set(value, value);
  if (chosen && !options.has(chosen)) options.set(chosen, chosen);
  return [...options].map(([value, label]) => ({ value, label }));
}

function attachmentChoice(form: SearchForm, facets: Facets): SafeHtml {
  const choices: Array<[SearchForm['hasAttachments'], string]> = [
    ['', 'Any'],
    ['true', 'With attachments'],
    ['false', 'Without attachments'],
  ];
  return html`<fieldset class="choice-group"><legend>Attachments</legend>
  ${choices.map(([value, label]) => html`<label class="check"><input type="radio" name="hasAttachments" value="${value}"${checked(form.hasAttachments === value)}> ${value ? withCount(label, countOf(facets, 'hasAttachments', value)) : label}</label>`)}
</fieldset>`;
}

function dateRange(form: SearchForm, timeZone: string): SafeHtml {
  return html`<fieldset class="choice-group dates" aria-describedby="dates-help"><legend>Posted between</legend>
  <p id="dates-help" class="hint">Days on the town's calendar (${timeZone}); both days are included.</p>
  <div class="row">
    <div class="field"><label for="postedFrom">From</label><input id="postedFrom" name="postedFrom" type="date" value="${form.postedFrom}"></div>
    <div class="field"><label for="postedTo">To</label><input id="postedTo" name="postedTo" type="date" value="${form.postedTo}"></div>
  </div>
</fieldset>`;
}

function sortField(form: SearchForm): SafeHtml {
  const options: Array<[string, string]> = [
    ['', 'Best match (newest first without words)'],
    ['newest', 'Newest first'],
    ['oldest', 'Oldest first'],
  ];
  const current = form.sort === 'relevance' ? '' : form.sort;
  return html`<div class="field"><label for="sort">Sort</label>
  <select id="sort" name="sort">${options.map(([value, label]) => html`<option value="${value}"${selected(current === value)}>${label}</option>`)}</select></div>`;
}

/**
 * Every filter of the search, each option with the number of records it gives (counted without the filter's
 * own choice, so the numbers say what picking it would give). Agencies and accounts appear by name.
 */
export function searchFilters(form: SearchForm, facets: Facets, names: SearchNames, timeZone: string): SafeHtml {
  const platforms = optionsOf(
    names.platforms.map((platform): [string, string] => [platform, platform]),
    facets?.platform,
    '',
  );
  for (const platform of form.platform)
    if (!platforms.some((option) => option.value === platform)) platforms.push({ value: platform, label: platform });
  return html`<div class="search-filters">
  ${checkboxGroup(
    'Status',
    'status',
    STATUSES.map((value) => ({ value, label: value })),
    form.status,
    facets,
  )}
  ${checkboxGroup(
    'Kind',
    'kind',
    KINDS.map((value) => ({ value, label: value })),
    form.kind,
    facets,
  )}
  ${checkboxGroup('Platform', 'platform', platforms, form.platform, facets)}
  ${checkboxGroup(
    'Policy flags',
    'flag',
    FLAGS.map((value) => ({ value, label: FLAG_LABELS[value] })),
    form.flag,
    facets,
  )}
  ${attachmentChoice(form, facets)}
  <div class="stack">
    ${selectField('agencyId', 'Agency', 'Any agency', optionsOf(names.agencies, facets?.agencyId, form.agencyId), form.agencyId, facets)}
    ${selectField('accountId', 'Account', 'Any account', optionsOf(names.accounts, facets?.accountId, form.accountId), form.accountId, facets)}
    ${selectField('author', 'Author (the 20 most frequent)', 'Anyone', optionsOf([], facets?.author, form.author), form.author, facets)}
    ${sortField(form)}
  </div>
  ${dateRange(form, timeZone)}
</div>`;
}
