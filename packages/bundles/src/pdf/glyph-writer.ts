import type { FontKey, FontLibrary } from '../text/font-library';
import type { LinePiece } from '../text/paragraph-layout';
import type { Shaper, ShapedRun } from '../text/shaper';

/**
 * The parts of pdfkit 0.20's embedded font (class EmbeddedFont, reached through `doc._font`) that we feed
 * directly. pdfkit's own `text()` re-lays every word through fontkit and splits lines itself; it ran at a
 * third of the speed we need. We do our own layout and only borrow pdfkit's subsetting and embedding, so the
 * font program, widths and ToUnicode map are still written by pdfkit at `doc.end()`.
 */
interface PdfkitEmbeddedFont {
  id: string;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

interface PdfkitInternals {
  _font: unknown;
  page: { fonts: Record<string, unknown> };
}

interface FontState {
  font: PdfkitEmbeddedFont;
  byCodePoint: Map<number, string>;
  byGlyph: Map<number, string>;
}

/** Points as PDF numbers: three decimals at most, so output is stable and compact. */
export function pdfNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function asEmbeddedFont(font: unknown, key: FontKey): PdfkitEmbeddedFont {
  const candidate = font as Partial<PdfkitEmbeddedFont> | undefined;
  if (
    typeof candidate?.id !== 'string' ||
    typeof candidate.subset?.includeGlyph !== 'function' ||
    !Array.isArray(candidate.widths) ||
    !Array.isArray(candidate.unicode) ||
    typeof candidate.ref !== 'function'
  ) {
    throw new Error(
      `pdfkit's embedded font for ${key} no longer has the shape this renderer was written for (pdfkit 0.20)`,
    );
  }
  return candidate as PdfkitEmbeddedFont;
}

/** Writes text as glyph ids into the current page's content stream. One per document. */
export class GlyphWriter {
  private readonly fonts = new Map<FontKey, FontState>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly library: FontLibrary,
    private readonly shaper: Shaper,
  ) {}

  /** Operators drawing one line: pieces from `left`, baseline `baseline` (both from the page's top-left). */
  line(pieces: readonly LinePiece[], left: number, baseline: number, size: number, pageHeight: number): string {
    const y = pageHeight - baseline;
    let ops = '';
    for (const piece of pieces) {
      const state = this.use(piece.font);
      const x = left + piece.x;
      ops += `/${state.font.id} ${pdfNumber(size)} Tf\n`;
      if (this.shaper.needsShaping(piece.font, piece.text, piece.rtl)) {
        ops += this.shapedOps(state, this.shaper.shape(piece.font, piece.text, piece.rtl), x, y, size);
      } else {
        ops += `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm <${this.plainHex(state, piece.font, piece.text)}> Tj\n`;
      }
    }
    return ops;
  }

  private use(key: FontKey): FontState {
    let state = this.fonts.get(key);
    if (state === undefined) {
      // pdfkit takes a parsed fontkit font as is, so faces are parsed once per process, not once per document,
      // and a face no text needs is never read.
      this.doc.registerFont(key, this.library.font(key) as unknown as Buffer);
      this.doc.font(key);
      state = {
        font: asEmbeddedFont((this.doc as unknown as PdfkitInternals)._font, key),
        byCodePoint: new Map(),
        byGlyph: new Map(),
      };
      this.fonts.set(key, state);
    }
    const pageFonts = (this.doc as unknown as PdfkitInternals).page.fonts;
    if (pageFonts[state.font.id] === undefined) pageFonts[state.font.id] = state.font.ref();
    return state;
  }

  private glyphHex(state: FontState, glyphId: number, codePoints: number[], advance: number): string {
    let hex = state.byGlyph.get(glyphId);
    if (hex === undefined) {
      const subsetId = state.font.subset.includeGlyph(glyphId);
      state.font.widths[subsetId] ??= advance * 1000;
      state.font.unicode[subsetId] ??= codePoints;
      hex = subsetId.toString(16).padStart(4, '0');
      state.byGlyph.set(glyphId, hex);
    }
    return hex;
  }

  private plainHex(state: FontState, key: FontKey, text: string): string {
    let hex = '';
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      const codePoint = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(index++)! : code;
      let glyph = state.byCodePoint.get(codePoint);
      if (glyph === undefined) {
        const metrics = this.library.glyph(key, codePoint);
        // Runs are split so every character has a glyph; an id of 0 here would be the missing-glyph box.
        glyph = metrics.id === 0 ? '' : this.glyphHex(state, metrics.id, [codePoint], metrics.advance);
        state.byCodePoint.set(codePoint, glyph);
      }
      hex += glyph;
    }
    return hex;
  }

  /** Shaped glyphs: a TJ array with kerning adjustments; glyphs with offsets (marks) placed one by one. */
  private shapedOps(state: FontState, run: ShapedRun, x: number, y: number, size: number): string {
    let ops = '';
    let array = '';
    let pen = x;
    let moved = false;
    const flush = () => {
      if (array !== '') ops += `[${array}] TJ\n`;
      array = '';
    };
    for (const glyph of run.glyphs) {
      const hex = this.glyphHex(state, glyph.id, glyph.codePoints, glyph.advance);
      if (glyph.xOffset !== 0 || glyph.yOffset !== 0) {
        flush();
        ops += `1 0 0 1 ${pdfNumber(pen + glyph.xOffset * size)} ${pdfNumber(y + glyph.yOffset * size)} Tm <${hex}> Tj\n`;
        moved = false;
      } else {
        if (!moved) {
          flush();
          ops += `1 0 0 1 ${pdfNumber(pen)} ${pdfNumber(y)} Tm\n`;
          moved = true;
        }
        const adjust = (glyph.advance - glyph.xAdvance) * 1000;
        array += Math.abs(adjust) < 0.01 ? `<${hex}>` : `<${hex}> ${pdfNumber(adjust)} `;
      }
      pen += glyph.xAdvance * size;
    }
    flush();
    return ops;
  }
}
