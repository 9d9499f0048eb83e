import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * Every face the renderer uses, shipped through npm (Google's Noto builds, SIL OFL 1.1), so a bundle never
 * depends on the fonts of the machine that renders it. Order matters: it is the fallback order for letters.
 */
export const FONT_FILES = {
  sans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'sans-bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  hebrew: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
  'cjk-sc': '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'cjk-kr': '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
  symbols: '@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf',
  emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
} as const;
export type FontKey = keyof typeof FONT_FILES;

/** Faces tried, in order, for a character the run's own face lacks (bold text falls back to regular faces). */
export const FALLBACK_ORDER: readonly FontKey[] = ['sans', 'arabic', 'hebrew', 'cjk-sc', 'cjk-kr', 'symbols', 'emoji'];

/** A glyph's id in its font (0 = missing) and its advance in em. */
export interface GlyphMetrics {
  id: number;
  advance: number;
}

interface LoadedFace {
  font: fontkit.Font;
  glyphs: Map<number, GlyphMetrics>;
  ascii: Float64Array;
}

/** The parsed fonts and per-code-point metric caches. Parsing is lazy per face: CJK faces are 6–10 MB. */
export class FontLibrary {
  private readonly faces = new Map<FontKey, LoadedFace>();

  /** The parsed face; pdfkit embeds (a subset of) exactly this font, the one we measured with. */
  font(key: FontKey): fontkit.Font {
    return this.face(key).font;
  }

  /** Glyph id and advance (em) of `codePoint` in `key`; id 0 when the face has no glyph for it. */
  glyph(key: FontKey, codePoint: number): GlyphMetrics {
    const face = this.face(key);
    let metrics = face.glyphs.get(codePoint);
    if (metrics === undefined) {
      const font = face.font;
      const glyph = font.hasGlyphForCodePoint(codePoint) ? font.glyphForCodePoint(codePoint) : undefined;
      metrics =
        glyph === undefined ? { id: 0, advance: 0 } : { id: glyph.id, advance: glyph.advanceWidth / font.unitsPerEm };
      face.glyphs.set(codePoint, metrics);
    }
    return metrics;
  }

  /** Advances (em) of code points 0–127, for the common all-ASCII case without a map lookup per character. */
  asciiAdvances(key: FontKey): Float64Array {
    return this.face(key).ascii;
  }

  covers(key: FontKey, codePoint: number): boolean {
    return this.glyph(key, codePoint).id !== 0;
  }

  private face(key: FontKey): LoadedFace {
    let face = this.faces.get(key);
    if (face === undefined) {
      const bytes = readFileSync(require.resolve(FONT_FILES[key]));
      face = { font: fontkit.create(bytes), glyphs: new Map(), ascii: new Float64Array(128) };
      this.faces.set(key, face);
      for (let code = 0; code < 128; code++) face.ascii[code] = this.glyph(key, code).advance;
    }
    return face;
  }
}

let shared: FontLibrary | undefined;

/** The process's (or worker's) font library: fonts are parsed once and reused by every render. */
export function sharedFontLibrary(): FontLibrary {
  shared ??= new FontLibrary();
  return shared;
}
