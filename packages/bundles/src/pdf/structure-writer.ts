import type { StructNode } from '../layout/blocks';

type Element = PDFKit.PDFStructureElement;

/** pdfkit 0.20 accepts these on structure elements (its typings, @types/pdfkit 0.17, predate `scope`/`bbox`). */
export interface StructureOptions extends PDFKit.Mixins.StructureElementOptions {
  /** For TH: which cells the header labels. */
  scope?: 'Row' | 'Column';
  /** For Figure: its box, [left, top, right, bottom] in points from the page's top-left. */
  bbox?: [number, number, number, number];
}

/**
 * Builds the tagged-PDF structure tree while pages stream out: Document → sections (Sect, Table, …) → leaves.
 * Containers are opened from each block's path and ended as soon as a block outside them comes, so pdfkit can
 * write (flush) finished parts of the tree early instead of holding all of it until the end.
 */
export class StructureWriter {
  private readonly root: Element;
  private readonly open: Array<{ node: StructNode; element: Element }> = [];

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** The element to add `path`'s leaves to, opening and closing containers as needed. */
  container(path: readonly StructNode[]): Element {
    let shared = 0;
    while (shared < path.length && shared < this.open.length && this.open[shared].node.id === path[shared].id) shared++;
    if (shared < this.open.length) {
      this.open[shared].element.end();
      this.open.length = shared;
    }
    for (const node of path.slice(shared)) {
      const element = this.doc.struct(node.type, node.title ? { title: node.title } : {});
      this.parent().add(element);
      this.open.push({ node, element });
    }
    return this.parent();
  }

  /** A new child of `parent` (attached at once, so content added to it is linked into the tree). */
  child(parent: Element, type: string, options: StructureOptions = {}): Element {
    const element = this.doc.struct(type, options);
    parent.add(element);
    return element;
  }

  /** Ends every open element; call once, after the last page. */
  finish(): void {
    this.open.length = 0;
    this.root.end();
  }

  private parent(): Element {
    return this.open.length === 0 ? this.root : this.open[this.open.length - 1].element;
  }
}
