// The subset of fontkit 2's API this package uses (fontkit ships no type declarations).
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    codePoints: number[];
    advanceWidth: number;
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
    script: string;
    direction: 'ltr' | 'rtl';
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    postscriptName: string;
    numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(
      text: string,
      features?: string[] | Record<string, boolean>,
      script?: string | null,
      language?: string | null,
      direction?: 'ltr' | 'rtl',
    ): GlyphRun;
  }
  export function create(buffer: Buffer, postscriptName?: string): Font;
}
