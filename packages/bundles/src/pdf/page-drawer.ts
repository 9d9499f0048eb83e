import type { Cell, FlowBlock, ImageBlock } from '../layout/blocks';
import type { LoadImage } from '../layout/image-catalog';
import { PAGE, STYLES } from '../layout/page-geometry';
import { ROW_PADDING, type PageLayout, type Placement } from '../layout/paginate';
import { layoutParagraph, linePieces, type LaidOutParagraph, type TextStyle } from '../text/paragraph-layout';
import type { Shaper } from '../text/shaper';
import type { GlyphWriter } from './glyph-writer';
import { contentBytes } from './output-batching';
import { ReferenceCompactor } from './reference-compactor';
import type { StructureWriter } from './structure-writer';

type Element = PDFKit.PDFStructureElement;

/** Distinct images kept embedded-and-reusable at once. */
const IMAGE_CACHE = 2000;

/** Baseline below a line's top: the line box is centred on Noto's ascent + descent (1.069 + 0.293 em). */
function baselineOffset(style: TextStyle): number {
  return (style.leading - 1.362 * style.size) / 2 + 1.069 * style.size;
}

/** The lines [from, to) of a block that fall in one cell, with their paragraph. */
function* cellLines(
  cell: Cell,
  from: number,
  to: number,
): Generator<{ paragraph: LaidOutParagraph; line: number; row: number }> {
  let row = 0;
  for (const paragraph of cell.paragraphs) {
    for (let line = 0; line < paragraph.lines.length; line++, row++) {
      if (row >= to) return;
      if (row >= from) yield { paragraph, line, row };
    }
  }
}

/** Draws laid-out pages: footer with the Bates number (an artifact), then text and images, all tagged. */
export class PageDrawer {
  private block: FlowBlock | undefined;
  private cells: Element[] = [];
  private row: Element | undefined;
  private readonly images = new Map<string, PDFKit.Mixins.ImageSrc>();
  private footerLeft: LaidOutParagraph | undefined;
  private readonly compactor: ReferenceCompactor;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly shaper: Shaper,
    private readonly glyphs: GlyphWriter,
    private readonly structure: StructureWriter,
    private readonly loadImage: LoadImage,
    private readonly footerText: string,
  ) {
    this.compactor = new ReferenceCompactor(doc);
  }

  async draw(page: PageLayout, bates: string): Promise<void> {
    this.doc.addPage();
    this.compactor.compactWrittenPages();
    this.footer(bates);
    for (const placement of page) {
      if (placement.kind === 'flow') this.flow(placement);
      else await this.image(placement.block, placement.y);
    }
  }

  /** Ends the elements of the last block; call after the last page. */
  finish(): void {
    this.endBlock();
  }

  private footer(bates: string): void {
    this.footerLeft ??= layoutParagraph(this.footerText, STYLES.footer, 360, this.shaper);
    const left = this.footerLeft;
    const right = layoutParagraph(bates, { ...STYLES.footer, font: 'sans-bold', size: 9 }, 200, this.shaper);
    const rightPieces = linePieces(right, 0, this.shaper).pieces;
    const rightWidth = this.shaper.measure('sans-bold', right.text, false) * 9;
    this.doc.markContent('Artifact', { type: 'Pagination' });
    this.doc.addContent(
      contentBytes(
        `q 1 0 0 -1 0 ${PAGE.height} cm BT\n` +
          this.glyphs.line(
            linePieces(left, 0, this.shaper).pieces,
            PAGE.left,
            PAGE.footerBaseline,
            STYLES.footer.size,
            PAGE.height,
          ) +
          this.glyphs.line(rightPieces, PAGE.right - rightWidth, PAGE.footerBaseline, 9, PAGE.height) +
          'ET Q',
      ),
    );
    this.doc.endMarkedContent();
  }

  private flow(placement: Extract<Placement, { kind: 'flow' }>): void {
    const { block, from, to, y } = placement;
    if (block !== this.block) this.startBlock(block);
    const pad = block.row ? ROW_PADDING : 0;
    block.cells.forEach((cell, index) => {
      let ops = '';
      for (const { paragraph, line, row } of cellLines(cell, from, to)) {
        const { pieces, offset } = linePieces(paragraph, line, this.shaper);
        const baseline = y + pad + (row - from) * block.leading + baselineOffset(paragraph.style);
        ops += this.glyphs.line(pieces, cell.x + offset, baseline, paragraph.style.size, PAGE.height);
      }
      if (ops === '') return;
      const content = this.doc.markStructureContent(cell.tag);
      this.doc.addContent(contentBytes(`q 1 0 0 -1 0 ${PAGE.height} cm BT\n${ops}ET Q`));
      this.doc.endMarkedContent();
      this.cells[index].add(content);
    });
  }

  private startBlock(block: FlowBlock): void {
    this.endBlock();
    this.block = block;
    const container = this.structure.container(block.path);
    const parent = block.row ? this.structure.child(container, 'TR') : container;
    this.row = block.row ? parent : undefined;
    this.cells = block.cells.map((cell) =>
      this.structure.child(parent, cell.tag, cell.scope ? { scope: cell.scope } : {}),
    );
  }

  private endBlock(): void {
    if (this.row) this.row.end();
    else this.cells.forEach((cell) => cell.end());
    this.block = undefined;
    this.row = undefined;
    this.cells = [];
  }

  private async image(block: ImageBlock, y: number): Promise<void> {
    this.endBlock();
    const container = this.structure.container(block.path);
    const figure = this.structure.child(container, 'Figure', {
      alt: block.alt,
      bbox: [block.x, y, block.x + block.width, y + block.height],
    });
    const source = await this.openImage(block.sha256);
    const content = this.doc.markStructureContent('Figure');
    if (source !== undefined) {
      const embedded = embeddingFinished(source);
      this.doc.image(source, block.x, y, { width: block.width, height: block.height });
      await embedded;
    } else {
      this.brokenImage(block, y);
    }
    this.doc.endMarkedContent();
    figure.add(content);
    figure.end();
  }

  /**
   * The image, embedded once even if several records carry it (up to a bound: the opened-image objects stay in
   * memory, so past IMAGE_CACHE the cache starts over and a later repeat is embedded again). Undefined if it
   * cannot be decoded.
   */
  private async openImage(sha256: string): Promise<PDFKit.Mixins.ImageSrc | undefined> {
    let image = this.images.get(sha256);
    if (image === undefined) {
      if (this.images.size >= IMAGE_CACHE) this.images.clear();
      try {
        const bytes = await this.loadImage(sha256);
        // openImage (public in pdfkit, missing from its typings) parses once; image() then embeds once and reuses.
        const opener = this.doc as unknown as { openImage(src: Buffer): PDFKit.Mixins.ImageSrc };
        image = opener.openImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      } catch {
        return undefined;
      }
      this.images.set(sha256, image);
    }
    return image;
  }

  /** A framed note in the image's place, so the page keeps the layout the plan counted on. */
  private brokenImage(block: ImageBlock, y: number): void {
    this.doc.rect(block.x, y, block.width, block.height).lineWidth(0.5).stroke();
    const note = layoutParagraph(
      '[image could not be decoded]',
      STYLES.footer,
      Math.max(block.width - 4, 1),
      this.shaper,
    );
    this.doc.addContent(
      contentBytes(
        `q 1 0 0 -1 0 ${PAGE.height} cm BT\n${this.glyphs.line(linePieces(note, 0, this.shaper).pieces, block.x + 2, y + 10, STYLES.footer.size, PAGE.height)}ET Q`,
      ),
    );
  }
}

/**
 * Resolves once pdfkit has finished embedding an image. A PNG with an alpha channel or a palette is decoded
 * asynchronously (zlib), and its objects are allocated when decoding ends; drawing on meanwhile would let
 * that moment decide object numbers, and two renders of one input would differ. So the drawer waits here.
 */
function embeddingFinished(source: PDFKit.Mixins.ImageSrc): Promise<void> {
  const image = source as unknown as { obj?: unknown; finalize?: () => unknown };
  if (image.obj || typeof image.finalize !== 'function') return Promise.resolve();
  const finalize = image.finalize;
  return new Promise((resolve) => {
    image.finalize = function patched(this: unknown) {
      image.finalize = finalize;
      const result = finalize.call(this);
      resolve();
      return result;
    };
  });
}
