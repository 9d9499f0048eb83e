import bidiFactory from 'bidi-js';
import type { FontKey, FontLibrary } from './font-library';

/** One positioned glyph, in em (multiply by the font size for points). */
export interface ShapedGlyph {
  id: number;
  codePoints: number[];
  /** The glyph's own advance; `xAdvance` is where the shaper moves the pen (kerning, marks). */
  advance: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A run laid out by fontkit: glyphs left to right as they are to be drawn. */
export interface ShapedRun {
  glyphs: ShapedGlyph[];
  width: number;
}

const bidi = bidiFactory();
const NEEDS_SHAPING = /[\p{M}\p{Default_Ignorable_Code_Point}]/u;
const SHAPED_FACES: ReadonlySet<FontKey> = new Set(['arabic', 'emoji']);
/** Distinct runs kept shaped; past this the cache starts over, so memory stays flat on huge bundles. */
const CACHE_LIMIT = 4_000;

/**
 * Measures and shapes text runs. Plain runs (Latin, CJK, symbols: one glyph per character, no joining) are
 * measured from cached per-character advances, which is about a thousand times cheaper than fontkit's full
 * layout; we give up kerning for it. Right-to-left runs, Arabic, emoji sequences and anything with combining
 * marks or joiners go through fontkit's shaper, with results cached.
 */
export class Shaper {
  private readonly cache = new Map<string, ShapedRun>();

  constructor(readonly library: FontLibrary) {}

  /** True when the run must go through the shaper rather than per-character lookup. */
  needsShaping(font: FontKey, text: string, rtl: boolean): boolean {
    return rtl || SHAPED_FACES.has(font) || NEEDS_SHAPING.test(text);
  }

  /** Width in em of `text` drawn with `font`. */
  measure(font: FontKey, text: string, rtl: boolean): number {
    if (this.needsShaping(font, text, rtl)) return this.shape(font, text, rtl).width;
    const ascii = this.library.asciiAdvances(font);
    let width = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 128) {
        width += ascii[code];
        continue;
      }
      const codePoint = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(index++)! : code;
      width += this.library.glyph(font, codePoint).advance;
    }
    return width;
  }

  /** Shaped glyphs in visual (left-to-right) order. A right-to-left run is mirrored (brackets) and reversed. */
  shape(font: FontKey, text: string, rtl: boolean): ShapedRun {
    const key = `${font}\u0000${rtl ? 'r' : 'l'}\u0000${text}`;
    let shaped = this.cache.get(key);
    if (shaped === undefined) {
      shaped = this.layout(font, rtl ? mirror(text) : text, rtl);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, shaped);
    }
    return shaped;
  }

  private layout(font: FontKey, text: string, rtl: boolean): ShapedRun {
    const face = this.library.font(font);
    const run = face.layout(text, undefined, undefined, undefined, rtl ? 'rtl' : 'ltr');
    const scale = 1 / face.unitsPerEm;
    const glyphs: ShapedGlyph[] = [];
    let width = 0;
    run.glyphs.forEach((glyph, index) => {
      const position = run.positions[index];
      const xAdvance = position.xAdvance * scale;
      width += xAdvance;
      // Glyph 0 is the missing-glyph box; fontkit yields it only for invisible characters a face lacks.
      // Never draw it; keep its advance (normally zero) so the glyphs after it stay where fontkit put them.
      if (glyph.id === 0) {
        if (glyphs.length > 0) glyphs[glyphs.length - 1].xAdvance += xAdvance;
        return;
      }
      glyphs.push({
        id: glyph.id,
        codePoints: glyph.codePoints,
        advance: glyph.advanceWidth * scale,
        xAdvance,
        xOffset: position.xOffset * scale,
        yOffset: position.yOffset * scale,
      });
    });
    return { glyphs, width };
  }
}

/** Mirrors paired characters for right-to-left display (fontkit reverses runs but does not mirror). */
function mirror(text: string): string {
  let out = '';
  for (const char of text) out += bidi.getMirroredCharacter(char) ?? char;
  return out;
}
