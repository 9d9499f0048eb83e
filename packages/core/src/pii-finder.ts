export type PiiKind = 'email' | 'phone' | 'street-address';

/**
 * A suggested redaction. Offsets are UTF-16 code unit indexes into the string, as JavaScript's own `slice` uses,
 * so `text.slice(start, end) === suggestion.text` whatever emoji, CJK or right-to-left text surrounds it.
 */
export interface PiiSuggestion {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

/** A suggestion found in one version of a record. */
export interface VersionPiiSuggestion extends PiiSuggestion {
  version: number;
}

/** ASCII-only on purpose: an address embedded in CJK text, with no space around it, must still be found. */
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/**
 * North American numbers: optional +1 (or `1` and a separator), an area code in parentheses or not, then exchange
 * and line, separated by dashes, dots or spaces, or not at all. Area code and exchange never start with 0 or 1 in
 * the numbering plan, which keeps most dates and ids out. The lookarounds refuse a number glued to more digits or
 * letters, or continuing as a dashed or dotted id, so ZIP+4 codes, dates and long ids do not match.
 */
const PHONE =
  /(?<![A-Za-z0-9+]|\d[-.])(?:\+1[-. ]?|1[-. ])?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[-. ]?)[2-9]\d{2}[-. ]?\d{4}(?![A-Za-z0-9]|[-.]\d)/g;

const STREET_SUFFIXES = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Road',
  'Rd',
  'Lane',
  'Ln',
  'Drive',
  'Dr',
  'Boulevard',
  'Blvd',
  'Way',
  'Court',
  'Ct',
  'Place',
  'Pl',
  'Terrace',
  'Ter',
  'Circle',
  'Cir',
  'Highway',
  'Hwy',
  'Turnpike',
  'Tpke',
  'Parkway',
  'Pkwy',
];

/**
 * A house number, one to four street-name words, a suffix, then an optional unit. Name words must start with a
 * capital letter or be an ordinal (5th): requiring capitals keeps ordinary sentences such as "3 kids on the way" out,
 * at the cost of missing addresses typed all in lower case; the officer reviews every suggestion anyway.
 */
const STREET_ADDRESS = new RegExp(
  String.raw`(?<![\w$.,-])\d{1,6}[A-Za-z]?(?: [NSEW]\.?)? (?:(?:[A-Z][A-Za-z'.-]*|\d+(?:st|nd|rd|th)) ){1,4}` +
    String.raw`(?:${STREET_SUFFIXES.join('|')})(?![A-Za-z])` +
    String.raw`(?:,? (?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor)\.? ?#?[A-Za-z0-9-]{1,6}(?![A-Za-z0-9])|,? #[A-Za-z0-9-]{1,6}(?![A-Za-z0-9]))?`,
  'g',
);

function matchesOf(pattern: RegExp, kind: PiiKind, text: string): PiiSuggestion[] {
  return Array.from(text.matchAll(pattern), (match) => ({
    kind,
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
}

/** Earlier first; at the same start the longer span wins, so an email that contains a phone number stays whole. */
function keepNonOverlapping(candidates: PiiSuggestion[]): PiiSuggestion[] {
  const sorted = [...candidates].sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: PiiSuggestion[] = [];
  for (const candidate of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && candidate.start < previous.end) {
      if (candidate.end - candidate.start > previous.end - previous.start) kept[kept.length - 1] = candidate;
      continue;
    }
    kept.push(candidate);
  }
  return kept;
}

/**
 * Suggests emails, phone numbers and street addresses to redact, sorted and non-overlapping. It never redacts:
 * Connecticut has no general privacy exemption, so the officer decides each one and cites an exemption.
 */
export function findPii(text: string): PiiSuggestion[] {
  return keepNonOverlapping([
    ...matchesOf(EMAIL, 'email', text),
    ...matchesOf(PHONE, 'phone', text),
    ...matchesOf(STREET_ADDRESS, 'street-address', text),
  ]);
}
