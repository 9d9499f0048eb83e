import type { ArchiveRecord, RecordVersion } from '@verbatim/core';
import {
  isTextRedaction,
  redactedPhrases,
  spansForText,
  type Exemption,
  type FoiaItem,
  type IntendedOccurrence,
  type ItemRedaction,
  type VersionPiiSuggestion,
} from '@verbatim/foia';
import { localTime } from '../format-time';
import { html, type SafeHtml } from '../html';
import { choiceValue, suggestionKey } from '../requests/redaction-choices';

export interface ItemPageOptions {
  requestId: string;
  requestNumber: string;
  item: FoiaItem;
  record: ArchiveRecord;
  versions: RecordVersion[];
  /** PII finder suggestions not already redacted. */
  suggestions: VersionPiiSuggestion[];
  exemptions: Exemption[];
  csrfToken: string;
  timeZone: string;
  /** What the officer sent, kept when it is refused. */
  form?: {
    disposition: string;
    exemptionCode: string;
    justification: string;
    accepted: string[];
    scope: string;
    phrase: string;
    kept: string[];
    intended: string[];
  };
  error?: string;
}

function dispositionChoice(value: string, label: string, checked: string): SafeHtml {
  return html`<label class="check"><input type="radio" name="disposition" value="${value}" ${checked === value ? html`checked` : ''}> ${label}</label>`;
}

/** A version's text with what the bundle will burn out marked, and the exemption each passage cites. */
function versionWithRedactions(text: string, spans: Array<{ start: number; end: number; code: string }>): SafeHtml {
  const parts: Array<string | SafeHtml> = [];
  let cursor = 0;
  for (const span of spans) {
    parts.push(text.slice(cursor, span.start));
    parts.push(
      html`<mark class="redaction" title="redacted under ${span.code}">${text.slice(span.start, span.end)}</mark><span class="meta"> [§ ${span.code}]</span>`,
    );
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return html`${parts}`;
}

function versionsSection(item: FoiaItem, versions: RecordVersion[]): SafeHtml {
  const redacting = item.disposition === 'redact';
  const phrases = redacting ? redactedPhrases(item.redactions, versions) : [];
  return html`<section aria-labelledby="text-heading"><h2 id="text-heading">Text of every version${redacting ? ', as the bundle will print it' : ''}</h2>
${redacting ? html`<p class="meta">Marked passages are burned out of the bundle, in every version and wherever this record is shown as thread context.</p>` : ''}
<ol class="versions">${versions.map((version) => html`<li><h3>Version ${version.version}</h3><p class="text">${versionWithRedactions(version.text, redacting ? spansForText(item.redactions, phrases, version.version, version.text) : [])}</p></li>`)}</ol></section>`;
}

function redactionLabel(redaction: ItemRedaction, versions: RecordVersion[]): string {
  if (isTextRedaction(redaction))
    return `“${redaction.text}”: every occurrence, in every version (§ ${redaction.code})`;
  const text = versions.find((version) => version.version === redaction.version)?.text ?? '';
  return `“${text.slice(redaction.start, redaction.end)}”: this passage of version ${redaction.version}, and its words in the other versions (§ ${redaction.code})`;
}

function keptFieldset(item: FoiaItem, versions: RecordVersion[], kept: Set<string>): SafeHtml {
  if (item.redactions.length === 0) return html``;
  return html`<fieldset><legend>Redactions made (untick to remove)</legend>
${item.redactions.map((redaction) => html`<label class="check"><input type="checkbox" name="keep" value="${choiceValue(redaction)}" ${kept.has(choiceValue(redaction)) ? html`checked` : ''}> ${redactionLabel(redaction, versions)}</label><br>`)}
</fieldset>`;
}

function intendedFieldset(occurrences: IntendedOccurrence[], kept: Set<string>): SafeHtml {
  if (occurrences.length === 0) return html``;
  return html`<fieldset><legend>Redacted words let through on purpose (untick to withdraw)</legend>
${occurrences.map((occurrence) => html`<label class="check"><input type="checkbox" name="intended" value="${choiceValue(occurrence)}" ${kept.has(choiceValue(occurrence)) ? html`checked` : ''}> “${occurrence.text}” may appear in clear in ${occurrence.section}</label><br>`)}
</fieldset>`;
}

function suggestionsFieldset(suggestions: VersionPiiSuggestion[], accepted: Set<string>, scope: string): SafeHtml {
  if (suggestions.length === 0)
    return html`<p class="meta">The PII finder found no other emails, phone numbers or street addresses in this record.</p>`;
  return html`<fieldset><legend>Suggested redactions (found by the PII finder; tick the ones to redact)</legend>
${suggestions.map((suggestion) => html`<label class="check"><input type="checkbox" name="accept" value="${suggestionKey(suggestion)}" ${accepted.has(suggestionKey(suggestion)) ? html`checked` : ''}> ${suggestion.kind} “${suggestion.text}” in version ${suggestion.version}</label><br>`)}
</fieldset>
<fieldset><legend>Redact the ticked suggestions</legend>
  <label class="check"><input type="radio" name="scope" value="everywhere" ${scope !== 'passage' ? html`checked` : ''}> Every occurrence of their words, in every version (recommended)</label><br>
  <label class="check"><input type="radio" name="scope" value="passage" ${scope === 'passage' ? html`checked` : ''}> Only the passage found, and its words in versions without a passage of their own</label>
</fieldset>`;
}

/**
 * One gathered record under review: its text in every version, and the decision form — produce, withhold or
 * redact, citing an exemption with a justification. PII suggestions are offered, never applied unasked.
 */
export function requestItemBody(options: ItemPageOptions): SafeHtml {
  const { item, record } = options;
  const form = options.form ?? {
    disposition: item.disposition,
    exemptionCode: item.exemptionCode ?? '',
    justification: item.justification ?? '',
    accepted: [],
    scope: 'everywhere',
    phrase: '',
    kept: item.redactions.map(choiceValue),
    intended: item.intendedOccurrences.map(choiceValue),
  };
  const invalid = options.error ? html`aria-invalid="true" aria-describedby="decision-error"` : '';
  const passages = item.redactions.length;
  return html`<p><a href="/requests/${options.requestId}">Back to request ${options.requestNumber}</a></p>
<h1>Review ${record.kind} by ${record.author.name}</h1>
${options.error ? html`<p class="error" role="alert" id="decision-error">${options.error}</p>` : ''}
<dl class="facts">
  <dt>Status</dt><dd><span class="badge badge-${record.status}">${record.status}</span></dd>
  <dt>Posted</dt><dd>${localTime(record.postedAt, options.timeZone)}</dd>
  <dt>Record</dt><dd><a href="/records/${record.id}">${record.id}</a></dd>
  <dt>Current decision</dt><dd>${item.disposition}${item.exemptionCode ? ` under ${item.exemptionCode}` : ''}${passages ? ` (${passages} ${passages === 1 ? 'redaction' : 'redactions'})` : ''}</dd>
</dl>
${versionsSection(item, options.versions)}
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
  ${keptFieldset(item, options.versions, new Set(form.kept))}
  ${suggestionsFieldset(options.suggestions, new Set(form.accepted), form.scope)}
  <div class="field"><label for="phrase">Also redact this text, every occurrence in every version (optional; case and spacing do not matter)</label>
    <input id="phrase" name="phrase" value="${form.phrase}"></div>
  ${intendedFieldset(item.intendedOccurrences, new Set(form.intended))}
  <button type="submit">Save decision</button>
</form></section>
<form method="post" action="/requests/${options.requestId}/items/${record.id}/remove">
  <input type="hidden" name="csrf" value="${options.csrfToken}">
  <button type="submit" class="secondary">Remove from this request</button>
</form>`;
}
