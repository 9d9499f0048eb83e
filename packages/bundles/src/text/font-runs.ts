import { FALLBACK_ORDER, type FontKey, type FontLibrary } from './font-library';

/** A stretch of text drawn with one face. Offsets are UTF-16 units into `FontRuns.text`, end exclusive. */
export interface FontRun {
  font: FontKey;
  start: number;
  end: number;
}

/** The text to draw (characters no face has are replaced by a visible `[U+XXXX]`) split into face runs. */
export interface FontRuns {
  text: string;
  runs: FontRun[];
}

type CharClass = 'ignorable' | 'mark' | 'emoji' | 'letter' | 'neutral';

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const MARK = /^\p{M}$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;
const LETTER = /^\p{L}$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const VARIATION_SELECTOR_EMOJI = 0xfe0f;
/** Faces whose own spaces and punctuation should carry a run on, so a phrase stays one run (and one RTL unit). */
const STICKY_FACES: ReadonlySet<FontKey> = new Set(['arabic', 'hebrew', 'cjk-sc', 'cjk-kr']);

const classes = new Map<number, CharClass>();

function classify(codePoint: number): CharClass {
  let charClass = classes.get(codePoint);
  if (charClass === undefined) {
    const char = String.fromCodePoint(codePoint);
    charClass = IGNORABLE.test(char)
      ? 'ignorable'
      : MARK.test(char)
        ? 'mark'
        : EMOJI.test(char)
          ? 'emoji'
          : LETTER.test(char)
            ? 'letter'
            : 'neutral';
    classes.set(codePoint, charClass);
  }
  return charClass;
}

function chooseFace(
  codePoint: number,
  charClass: CharClass,
  next: number | undefined,
  current: FontKey | undefined,
  primary: FontKey,
  library: FontLibrary,
): FontKey | undefined {
  if ((charClass === 'emoji' || next === VARIATION_SELECTOR_EMOJI) && library.covers('emoji', codePoint))
    return 'emoji';
  if (
    charClass !== 'letter' &&
    current !== undefined &&
    STICKY_FACES.has(current) &&
    library.covers(current, codePoint)
  )
    return current;
  if (library.covers(primary, codePoint)) return primary;
  return FALLBACK_ORDER.find((key) => library.covers(key, codePoint));
}

/**
 * Splits `text` into runs by the first face (primary, then FALLBACK_ORDER) that has a glyph for each character,
 * so nothing is ever drawn with the missing-glyph box. Combining marks and invisible joiners / variation
 * selectors stay in the run of the character they modify; emoji (and characters asking for emoji presentation)
 * go to the emoji face. A character no face has becomes the visible text `[U+XXXX]`.
 */
export function splitFontRuns(text: string, primary: FontKey, library: FontLibrary): FontRuns {
  if (PRINTABLE_ASCII.test(text))
    return { text, runs: text.length === 0 ? [] : [{ font: primary, start: 0, end: text.length }] };
  const runs: FontRun[] = [];
  let out = '';
  let current: FontRun | undefined;
  const append = (font: FontKey, chunk: string) => {
    if (current !== undefined && current.font === font) {
      out += chunk;
      current.end = out.length;
      return;
    }
    current = { font, start: out.length, end: out.length + chunk.length };
    runs.push(current);
    out += chunk;
  };
  for (let index = 0; index < text.length;) {
    const codePoint = text.codePointAt(index)!;
    const length = codePoint > 0xffff ? 2 : 1;
    const char = text.slice(index, index + length);
    index += length;
    const charClass = classify(codePoint);
    if (charClass === 'ignorable') {
      // Invisible by definition: keep it with its run (it may steer shaping, e.g. an emoji ZWJ sequence) or drop it.
      if (current !== undefined) append(current.font, char);
      continue;
    }
    if (charClass === 'mark' && current !== undefined && library.covers(current.font, codePoint)) {
      append(current.font, char);
      continue;
    }
    const face = chooseFace(codePoint, charClass, text.codePointAt(index), current?.font, primary, library);
    if (face === undefined) append(primary, `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`);
    else append(face, char);
  }
  return { text: out, runs };
}
