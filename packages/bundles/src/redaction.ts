import { applyRedactions as replaceSpans, InvalidRedactionError } from '@verbatim/foia';
import type { Exemption } from './bundle-input';

/** The burned-in stand-in for redacted text: visibly a redaction, and it says on what basis. */
export function redactionMarker(exemption: Exemption): string {
  return `█████ [REDACTED § ${exemption.code}]`;
}

/** A span that cannot be applied: out of bounds, empty, overlapping another, or splitting a character. */
export { InvalidRedactionError as RedactionSpanError };

/**
 * Replaces every span of `text` with its marker. Offsets are UTF-16 code units of the original text. Spans may
 * come in any order but must not overlap; each is checked before anything is replaced, so a bad span changes
 * nothing. The redacted characters are gone from the returned string: nothing downstream ever sees them.
 * The checks are the request log's (`@verbatim/foia`), so a span the officer could save is one that renders.
 */
export function applyRedactions(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number; exemption: Exemption }>,
): string {
  return replaceSpans(text, spans, (span) => redactionMarker(span.exemption));
}
