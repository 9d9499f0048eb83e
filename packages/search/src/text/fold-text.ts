/**
 * Text preparation shared by indexing and querying, so both sides produce the same tokens.
 *
 * FTS5's unicode61 tokenizer keeps a run of CJK characters as one token and splits words at combining marks it
 * cannot fold (Hebrew points, Arabic harakat, Devanagari vowel signs). Both break substring and word search, so
 * before FTS5 sees any text we drop those marks and put a zero-width space around every CJK character.
 */

/** Han, Hiragana, Katakana and Hangul: scripts written without spaces between words (Hangul often with). */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const HAS_CJK = new RegExp(`[${CJK}]`, 'u');
const CJK_BOUNDARY = new RegExp(`(?<=[${CJK}])(?=[\\p{L}\\p{N}\\p{Co}])|(?<=[\\p{L}\\p{N}\\p{Co}])(?=[${CJK}])`, 'gu');
/** Combining marks left after NFC (precomposed letters such as é keep theirs and are folded by unicode61). */
const LOOSE_MARKS = /[\p{M}\u200c\u200d]/gu;
/** Zero-width spaces already in the text are dropped, so that every one in indexed text is ours. */
const RESERVED = /\u200b/g;
const NEEDS_WORK = /[\p{M}\u200b-\u200d]/u;
/** Either of the two: most text has neither, and one scan says so (the two scans took 1.2 s per million documents). */
const NEEDS_ANY_WORK = new RegExp(`[\\p{M}\\u200b-\\u200d${CJK}]`, 'u');

/** A zero-width space: unicode61 treats it as a separator, readers do not see it. */
export const CJK_SEPARATOR = '\u200b';

/** Prepares text for the index or a query term: see the file comment. Cheap for plain text. */
export function foldForIndex(text: string): string {
  if (!NEEDS_ANY_WORK.test(text)) return text;
  let result = text;
  if (NEEDS_WORK.test(result)) result = result.normalize('NFC').replace(LOOSE_MARKS, '').replace(RESERVED, '');
  if (HAS_CJK.test(result)) result = result.replace(CJK_BOUNDARY, CJK_SEPARATOR);
  return result;
}

/** True when text holds at least one character the tokenizer indexes (a letter, digit or private-use char). */
export function hasIndexableCharacter(text: string): boolean {
  return /[\p{L}\p{N}\p{Co}]/u.test(text);
}

/**
 * The tokens unicode61 (remove_diacritics 2) produces for folded text, close enough for relevance scoring:
 * lower case, diacritics removed, split at anything that is not a letter, digit or private-use character.
 */
export function tokenizeFolded(folded: string): string[] {
  // NFC afterwards puts Hangul syllables, which NFD splits into jamo, back together.
  const plain = /[\u0080-\uffff]/.test(folded)
    ? folded.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')
    : folded;
  return plain.toLowerCase().match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
}
