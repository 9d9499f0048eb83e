import type { RecordVersion } from '@verbatim/core';
import type { ItemRedaction } from '@verbatim/foia';
import { suggestionKey, type PiiSuggestion } from '../pages/request-item.page';

/** Every place `phrase` occurs in every version, as spans (case-sensitive, exactly as archived). */
export function spansOfPhrase(
  versions: RecordVersion[],
  phrase: string,
): Array<{ version: number; start: number; end: number }> {
  if (!phrase) return [];
  return versions.flatMap((version) => {
    const spans: Array<{ version: number; start: number; end: number }> = [];
    for (let at = version.text.indexOf(phrase); at !== -1; at = version.text.indexOf(phrase, at + phrase.length)) {
      spans.push({ version: version.version, start: at, end: at + phrase.length });
    }
    return spans;
  });
}

/** The PII finder's suggestions plus any redaction already made that it did not suggest, so saving again keeps it. */
export function redactionChoices(
  suggestions: PiiSuggestion[],
  existing: ItemRedaction[],
  versions: RecordVersion[],
): PiiSuggestion[] {
  const suggested = new Set(suggestions.map(suggestionKey));
  const texts = new Map(versions.map((version) => [version.version, version.text]));
  const earlier = existing
    .filter((span) => !suggested.has(suggestionKey(span)))
    .map((span) => ({
      version: span.version,
      start: span.start,
      end: span.end,
      kind: 'earlier redaction' as const,
      text: (texts.get(span.version) ?? '').slice(span.start, span.end),
    }));
  return [...suggestions, ...earlier];
}

/** Parses ticked `version:start:end` values, dropping anything malformed (the desk re-checks every span). */
export function parseAccepted(values: string[]): Array<{ version: number; start: number; end: number }> {
  return values.flatMap((value) => {
    const match = /^(\d+):(\d+):(\d+)$/.exec(value);
    return match ? [{ version: Number(match[1]), start: Number(match[2]), end: Number(match[3]) }] : [];
  });
}

/** Accepted suggestions and phrase matches as one sorted list of spans, overlapping ones merged, each citing `code`. */
export function redactionSpans(
  accepted: string[],
  phraseSpans: Array<{ version: number; start: number; end: number }>,
  code: string,
): ItemRedaction[] {
  const sorted = [...parseAccepted(accepted), ...phraseSpans].sort(
    (a, b) => a.version - b.version || a.start - b.start,
  );
  const merged: ItemRedaction[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.version === span.version && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span, code });
  }
  return merged;
}
