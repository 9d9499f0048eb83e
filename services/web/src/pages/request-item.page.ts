import type { ArchiveRecord, RecordVersion } from '@verbatim/core';
import type { Exemption, FoiaItem, VersionPiiSuggestion } from '@verbatim/foia';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';

/** A PII finder suggestion, or an earlier redaction it did not suggest (kind `earlier redaction`). */
export type PiiSuggestion = Omit<VersionPiiSuggestion, 'kind'> & {
  kind: VersionPiiSuggestion['kind'] | 'earlier redaction';
};

/** A suggestion's form value: `version:start:end`. */
export const suggestionKey = (span: { version: number; start: number; end: number }) =>
  `${span.version}:${span.start}:${span.end}`;

export interface ItemPageOptions {
  requestId: string;
  requestNumber: string;
  item: FoiaItem;
  record: ArchiveRecord;
  versions: RecordVersion[];
  suggestions: PiiSuggestion[];
  exemptions: Exemption[];
  csrfToken: string;
  timeZone: string;
  /** What the officer sent, kept when it is refused. */
  form?: { disposition: string; exemptionCode: string; justification: string; accepted: string[]; phrase: string };
  error?: string;
}

function dispositionChoice(value: string, label: string, checked: string): SafeHtml {
  return html`<label class="check"><input type="radio" name="disposition" value="${value}" ${checked === value ? html`checked` : ''}> ${label}</label>`;
}

function suggestionsFieldset(suggestions: PiiSuggestion[], accepted: Set<string>): SafeHtml {
  if (suggestions.length === 0)
    return html`<p class="meta">The PII finder found no emails, phone numbers or street addresses in this record.</p>`;
  return html`<fieldset><legend>Suggested redactions (found by the PII finder; tick the ones to redact)</legend>
${suggestions.map((suggestion) => html`<label class="check"><input type="checkbox" name="accept" value="${suggestionKey(suggestion)}" ${accepted.has(suggestionKey(suggestion)) ? html`checked` : ''}> ${suggestion.kind} “${suggestion.text}” in version ${suggestion.version}</label><br>`)}
</fieldset>`;
}

/**
 * One gathered record under review: its text in every version, and the decision form — produce, withhold or
 * redact, citing an exemption with a justification. PII suggestions are offered, never applied unasked.
 */
export function requestItemBody(options: ItemPageOptions): SafeHtml {
  const { item, record } = options;
  const current = new Set(item.redactions.map(suggestionKey));
  const form = options.form ?? {
    disposition: item.disposition,
    exemptionCode: item.exemptionCode ?? '',
    justification: item.justification ?? '',
    accepted: [...current],
    phrase: '',
  };
  const accepted = new Set(form.accepted);
  const invalid = options.error ? html`aria-invalid="true" aria-describedby="decision-error"` : '';
  return html`<p><a href="/requests/${options.requestId}">Back to request ${options.requestNumber}</a></p>
<h1>Review ${record.kind} by ${record.author.name}</h1>
${options.error ? html`<p class="error" role="alert" id="decision-error">${options.error}</p>` : ''}
<dl class="facts">
  <dt>Status</dt><dd><span class="badge badge-${record.status}">${record.status}</span></dd>
  <dt>Posted</dt><dd>${localTime(record.postedAt, options.timeZone)}</dd>
  <dt>Record</dt><dd><a href="/records/${record.id}">${record.id}</a></dd>
  <dt>Current decision</dt><dd>${item.disposition}${item.exemptionCode ? ` under ${item.exemptionCode}` : ''}${item.redactions.length ? ` (${item.redactions.length} passages)` : ''}</dd>
</dl>
<section aria-labelledby="text-heading"><h2 id="text-heading">Text of every version</h2>
<ol class="versions">${options.versions.map((version) => html`<li><h3>Version ${version.version}</h3><p class="text">${version.text}</p></li>`)}</ol></section>
<section aria-labelledby="decision-heading"><h2 id="decision-heading">Decision</h2>
<form method="post" action="/requests/${options.requestId}/items/${record.id}" class="stack">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <fieldset><legend>Produce, redact or withhold</legend>
    ${dispositionChoice('produce', 'Produce in full', form.disposition)}
    ${dispositionChoice('redact', 'Produce with redactions', form.disposition)}
    ${dispositionChoice('withhold', 'Withhold entirely', form.disposition)}
  </fieldset>
  <div class="field"><label for="exemptionCode">Exemption (for a redaction or withholding)</label>
    <select id="exemptionCode" name="exemptionCode" ${invalid}><option value="">Choose the exemption that applies</option>
    ${options.exemptions.map((exemption) => html`<option value="${exemption.code}" ${form.exemptionCode === exemption.code ? html`selected` : ''}>${exemption.citation}: ${exemption.title}</option>`)}</select></div>
  <div class="field"><label for="justification">Justification (printed in the withholding log)</label>
    <textarea id="justification" name="justification" rows="3" ${invalid}>${form.justification}</textarea></div>
  ${suggestionsFieldset(options.suggestions, accepted)}
  <div class="field"><label for="phrase">Also redact this exact text, wherever it appears (optional)</label>
    <input id="phrase" name="phrase" value="${form.phrase}"></div>
  <button type="submit">Save decision</button>
</form></section>
<form method="post" action="/requests/${options.requestId}/items/${record.id}/remove">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <button type="submit" class="secondary">Remove from this request</button>
</form>`;
}
