/**
 * What one redaction decision covers. An officer redacts a record either by exact text (`{ text, code }`: every
 * occurrence in every version) or by a span of one version (`{ version, start, end, code }`: that passage,
 * precisely). Whatever the form, the words a redaction removes are removed wherever the record's text is printed:
 * a span's words are also removed from every other version that does not carry its own span for them, and from
 * the record's text where it is shown as another item's thread context.
 */

/** A passage of one version (UTF-16 offsets, end exclusive). */
export interface SpanRedaction {
  version: number;
  start: number;
  end: number;
  code: string;
}

/** Every occurrence of `text` in every version (case and runs of whitespace ignored, whole words only). */
export interface TextRedaction {
  text: string;
  code: string;
}

export type ItemRedaction = SpanRedaction | TextRedaction;

export const isTextRedaction = (redaction: ItemRedaction): redaction is TextRedaction => 'text' in redaction;

/** A version's text, as the catalog keeps it. */
export interface VersionText {
  version: number;
  text: string;
}

/**
 * Words to look for. A text redaction is whole words; a span cut inside a word (`oad clos` of `road closed`) is
 * looked for as cut, so its characters go wherever they occur, inside other words too.
 */
export interface Phrase {
  text: string;
  /** The cut began inside a word: match it after letters too. */
  insideWordStart?: boolean;
  /** The cut ended inside a word: match it before letters too. */
  insideWordEnd?: boolean;
}

/** Words removed by a record's redactions, and the exemption cited for them. */
export interface RedactedPhrase extends Phrase {
  code: string;
  /** Versions whose own spans remove it; there the spans stand as drawn, elsewhere every occurrence goes. */
  spannedIn: ReadonlySet<number>;
  /** Given by text: removed everywhere, whatever spans say. */
  everywhere: boolean;
}

/** Case-folded with runs of whitespace as one space: two phrases with the same key match the same occurrences. */
export function phraseKey(text: string): string {
  return text.trim().replace(/\s+/gu, ' ').toLocaleLowerCase('en-US');
}

/** The words of every redaction of a record: the text ones as given, the spans' as cut from their versions. */
export function redactedPhrases(
  redactions: readonly ItemRedaction[],
  versions: readonly VersionText[],
): RedactedPhrase[] {
  const texts = new Map(versions.map((version) => [version.version, version.text]));
  const phrases = new Map<string, RedactedPhrase & { spannedIn: Set<number> }>();
  const phraseFor = (cut: Phrase, code: string) => {
    const key = phraseKey(cut.text);
    if (key === '') return undefined;
    let phrase = phrases.get(key);
    if (!phrase) phrases.set(key, (phrase = { text: cut.text, code, spannedIn: new Set(), everywhere: false }));
    if (cut.insideWordStart) phrase.insideWordStart = true;
    if (cut.insideWordEnd) phrase.insideWordEnd = true;
    return phrase;
  };
  for (const redaction of redactions) {
    if (isTextRedaction(redaction)) {
      const phrase = phraseFor({ text: redaction.text.trim() }, redaction.code);
      if (phrase) phrase.everywhere = true;
      continue;
    }
    const text = texts.get(redaction.version);
    if (text !== undefined) phraseFor(cutOf(text, redaction), redaction.code)?.spannedIn.add(redaction.version);
  }
  return [...phrases.values()];
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;
const isWordCharacter = (character: string | undefined) => character !== undefined && WORD_CHARACTER.test(character);

/** What a span cuts out of a text, trimmed, and whether each end lies inside a word. */
export function cutOf(text: string, span: { start: number; end: number }): Phrase {
  const cut = text.slice(span.start, span.end);
  const start = span.start + (cut.length - cut.trimStart().length);
  const end = span.end - (cut.length - cut.trimEnd().length);
  return {
    text: text.slice(start, end),
    insideWordStart: isWordCharacter(text[start - 1]) && isWordCharacter(text[start]),
    insideWordEnd: isWordCharacter(text[end - 1]) && isWordCharacter(text[end]),
  };
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One phrase as a pattern: its whitespace flexible, and not inside a longer word where its ends are letters. */
function phrasePattern(phrase: Phrase): string {
  const trimmed = phrase.text.trim();
  const body = trimmed.split(/\s+/u).map(escapeRegExp).join('\\s+');
  const before = isWordCharacter(trimmed[0]) && !phrase.insideWordStart ? '(?<![\\p{L}\\p{N}\\p{M}_])' : '';
  const after = isWordCharacter(trimmed.at(-1)) && !phrase.insideWordEnd ? '(?![\\p{L}\\p{N}\\p{M}_])' : '';
  return `${before}${body}${after}`;
}

/**
 * Finds phrases in text the way redaction applies them and the leak check looks for them: case-insensitive,
 * any run of whitespace for a space, whole words. Longer phrases win where two start at the same place.
 */
export class PhraseMatcher {
  private readonly pattern: RegExp | undefined;

  constructor(phrases: Iterable<string | Phrase>) {
    const byKey = new Map<string, Phrase>();
    for (const given of phrases) {
      const phrase = typeof given === 'string' ? { text: given } : given;
      const key = phraseKey(phrase.text);
      const same = byKey.get(key);
      byKey.set(key, {
        text: phrase.text,
        insideWordStart: Boolean(phrase.insideWordStart || same?.insideWordStart),
        insideWordEnd: Boolean(phrase.insideWordEnd || same?.insideWordEnd),
      });
    }
    const unique = [...byKey.entries()]
      .filter(([key]) => key !== '')
      .sort(([left], [right]) => right.length - left.length)
      .map(([, phrase]) => phrasePattern(phrase));
    this.pattern = unique.length > 0 ? new RegExp(unique.join('|'), 'giu') : undefined;
  }

  /** Every match, left to right, not overlapping. */
  *matches(text: string): Generator<{ start: number; end: number; text: string }> {
    if (!this.pattern) return;
    const pattern = new RegExp(this.pattern);
    for (const match of text.matchAll(pattern)) {
      yield { start: match.index, end: match.index + match[0].length, text: match[0] };
    }
  }
}

/**
 * The spans to burn into one printed text of a record (a version, or the record shown as thread context, whose
 * text is that of `version`): the record's spans on that version, plus every occurrence of each redacted phrase
 * that is not already drawn there by a span of its own. Overlapping spans are merged; the result is sorted.
 */
export function spansForText(
  redactions: readonly ItemRedaction[],
  phrases: readonly RedactedPhrase[],
  version: number,
  text: string,
): Array<{ start: number; end: number; code: string }> {
  const spans: Array<{ start: number; end: number; code: string }> = redactions
    .filter((redaction): redaction is SpanRedaction => !isTextRedaction(redaction) && redaction.version === version)
    .map(({ start, end, code }) => ({ start, end, code }));
  const byText = phrases.filter((phrase) => phrase.everywhere || !phrase.spannedIn.has(version));
  const codes = new Map(byText.map((phrase) => [phraseKey(phrase.text), phrase.code]));
  for (const match of new PhraseMatcher(byText).matches(text)) {
    spans.push({ start: match.start, end: match.end, code: codes.get(phraseKey(match.text)) ?? byText[0].code });
  }
  return mergeSpans(spans);
}

/** Sorted, with overlapping spans joined into one (the earlier one's code); touching spans stay apart. */
export function mergeSpans<Span extends { start: number; end: number }>(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((left, right) => left.start - right.start || right.end - left.end)) {
    const last = merged.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
