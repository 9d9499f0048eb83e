/** A span to remove, in UTF-16 code units (as `findPii` reports them), and the exemption code that justifies it. */
export interface RedactionSpan {
  start: number;
  end: number;
  code: string;
}

/** A span list that cannot be applied safely. The bundle build fails rather than render a half-redacted text. */
export class InvalidRedactionError extends Error {
  readonly code = 'invalid-redaction';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidRedactionError';
  }
}

/** The marker printed in place of redacted text. */
export function redactionMarker(code: string): string {
  return `[REDACTED: ${code}]`;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** A boundary between the two halves of an emoji would leave a broken character in the output. */
function splitsSurrogatePair(text: string, index: number): boolean {
  return (
    index > 0 &&
    index < text.length &&
    isHighSurrogate(text.charCodeAt(index - 1)) &&
    isLowSurrogate(text.charCodeAt(index))
  );
}

function validateSpan(text: string, span: { start: number; end: number }, code: string | undefined): void {
  const where = `redaction [${span.start}, ${span.end})`;
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end))
    throw new InvalidRedactionError(`${where}: offsets must be integers`);
  if (span.start < 0 || span.end > text.length)
    throw new InvalidRedactionError(`${where} is outside the text (length ${text.length})`);
  if (span.start >= span.end) throw new InvalidRedactionError(`${where} is empty or reversed`);
  if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
    throw new InvalidRedactionError(`${where} cuts a character in half (offsets are UTF-16 code units)`);
  }
  if (code !== undefined && (code.trim() === '' || /[\]\r\n]/.test(code)))
    throw new InvalidRedactionError(`${where}: code must be non-empty, on one line, without ]`);
}

/**
 * The text with every span replaced by its marker (by default `[REDACTED: <code>]`). Spans may come in any order;
 * they must lie inside the text and must not overlap (touching is fine). Anything else throws, because a wrong
 * offset could leave part of the words the officer meant to remove. The bundle renderer passes its own marker.
 */
export function applyRedactions<Span extends { start: number; end: number }>(
  text: string,
  spans: readonly Span[],
  marker: (span: Span) => string = (span) => redactionMarker((span as unknown as RedactionSpan).code),
): string {
  spans.forEach((span) =>
    validateSpan(text, span, 'code' in span ? (span as unknown as RedactionSpan).code : undefined),
  );
  const ordered = [...spans].sort((left, right) => left.start - right.start);
  const parts: string[] = [];
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) {
      throw new InvalidRedactionError(`redaction [${span.start}, ${span.end}) overlaps the one ending at ${cursor}`);
    }
    parts.push(text.slice(cursor, span.start), marker(span));
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
