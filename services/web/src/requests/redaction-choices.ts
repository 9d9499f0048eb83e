import type { RecordVersion } from '@verbatim/core';
import {
  isTextRedaction,
  phraseKey,
  type IntendedOccurrence,
  type ItemRedaction,
  type SpanRedaction,
  type VersionPiiSuggestion,
} from '@verbatim/foia';

/** A suggestion's form value: `version:start:end`. */
export const suggestionKey = (span: { version: number; start: number; end: number }) =>
  `${span.version}:${span.start}:${span.end}`;

/** Parses ticked `version:start:end` values, dropping anything malformed (the desk re-checks every span). */
export function parseAccepted(values: string[]): Array<{ version: number; start: number; end: number }> {
  return values.flatMap((value) => {
    const match = /^(\d+):(\d+):(\d+)$/.exec(value);
    return match ? [{ version: Number(match[1]), start: Number(match[2]), end: Number(match[3]) }] : [];
  });
}

/** A redaction or an intended occurrence as a checkbox value: its JSON, so unticking it drops exactly that one. */
export const choiceValue = (choice: ItemRedaction | IntendedOccurrence) => JSON.stringify(choice);

/** Ticked JSON values back as objects, dropping anything that does not parse (the desk validates the rest). */
export function parseChoices<T>(values: string[]): T[] {
  return values.flatMap((value) => {
    try {
      const parsed = JSON.parse(value) as unknown;
      return parsed !== null && typeof parsed === 'object' ? [parsed as T] : [];
    } catch {
      return [];
    }
  });
}

/** Suggestions the officer has not already redacted (by span, or by text covering their words). */
export function openSuggestions(
  suggestions: VersionPiiSuggestion[],
  existing: ItemRedaction[],
): VersionPiiSuggestion[] {
  const spans = new Set(
    existing
      .filter((redaction): redaction is SpanRedaction => !isTextRedaction(redaction))
      .map((span) => suggestionKey(span)),
  );
  const texts = new Set(existing.filter(isTextRedaction).map((redaction) => phraseKey(redaction.text)));
  return suggestions.filter(
    (suggestion) => !spans.has(suggestionKey(suggestion)) && !texts.has(phraseKey(suggestion.text)),
  );
}

export interface RedactionForm {
  /** Redactions already made that stay ticked. */
  kept: ItemRedaction[];
  /** Ticked PII suggestions, as `version:start:end`. */
  accepted: string[];
  /** `everywhere` (the default): a ticked suggestion redacts its words in every version; `passage`: only there. */
  scope: string;
  /** Text to redact wherever it occurs. */
  phrase: string;
  code: string;
}

/**
 * The redactions a saved form asks for: the kept ones, each ticked suggestion (by its words, or by its passage),
 * and the phrase. New ones cite the form's exemption; text redactions of the same words are given once.
 */
export function redactionsOf(form: RedactionForm, versions: RecordVersion[]): ItemRedaction[] {
  const texts = new Map(versions.map((version) => [version.version, version.text]));
  const added: ItemRedaction[] = parseAccepted(form.accepted).map((span) =>
    form.scope === 'passage'
      ? { ...span, code: form.code }
      : { text: (texts.get(span.version) ?? '').slice(span.start, span.end), code: form.code },
  );
  if (form.phrase.trim()) added.push({ text: form.phrase.trim(), code: form.code });
  const seen = new Set<string>();
  return [...form.kept, ...added].filter((redaction) => {
    const key = isTextRedaction(redaction) ? `text:${phraseKey(redaction.text)}` : `span:${suggestionKey(redaction)}`;
    if (seen.has(key) || (isTextRedaction(redaction) && phraseKey(redaction.text) === '')) return false;
    seen.add(key);
    return true;
  });
}
