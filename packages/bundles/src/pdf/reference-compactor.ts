/**
 * pdfkit 0.20 keeps, until `doc.end()`, the reference object (with its dictionary) of every page — in the page
 * tree's /Kids — and of every tagged element — in the structure parent tree. Those objects are written long
 * before; only their object numbers are needed at the end. At 50 per page that grew past 100 MB on a
 * 10,000-page bundle. This swaps them, once written, for stand-ins that print the same text (`N 0 R`, or a
 * page's whole parent-tree array), so memory grows by a few hundred bytes per page instead. It reaches into pdfkit internals (`_root`, `getStructParentTree`, PDFAbstractReference) on purpose;
 * the bundle tests (byte-identical output, qpdf --check) guard it.
 */

interface PdfReference {
  id: number;
  data: { StructParents?: number; Kids?: unknown[]; Pages?: PdfReference };
}

interface PdfkitInternals {
  _root: PdfReference;
  getStructParentTree(): { get(key: number): unknown[] | undefined; add(key: number, value: unknown): unknown };
}

type StandInClass = new (text: string) => object;

const standInClasses = new WeakMap<object, StandInClass>();

/**
 * Serialized PDF syntax standing in for pdfkit objects: an instance of pdfkit's own reference base class, which
 * pdfkit's serializer writes by calling `toString()` — so it may stand for a reference (`12 0 R`) or for a whole
 * array of them (`[12 0 R 13 0 R]`).
 */
function standInClassFor(reference: PdfReference): StandInClass {
  const base = Object.getPrototypeOf(reference.constructor) as new () => object;
  let standIn = standInClasses.get(base);
  if (standIn === undefined) {
    standIn = class extends base {
      constructor(private readonly text: string) {
        super();
      }

      override toString(): string {
        return this.text;
      }
    };
    standInClasses.set(base, standIn);
  }
  return standIn;
}

/** How pdfkit writes one entry of a page's parent-tree array: a reference, or null for an unused id. */
function referenceText(element: unknown): string {
  return element !== null && typeof element === 'object' ? `${(element as PdfReference).id} 0 R` : 'null';
}

export class ReferenceCompactor {
  private compacted = 0;
  private readonly internals: PdfkitInternals;
  private readonly StandIn: StandInClass;

  constructor(doc: PDFKit.PDFDocument) {
    this.internals = doc as unknown as PdfkitInternals;
    this.StandIn = standInClassFor(this.internals._root);
  }

  /** Call right after `doc.addPage()`: every earlier page has been written by then. */
  compactWrittenPages(): void {
    const kids = this.internals._root.data.Pages!.data.Kids as object[];
    const tree = this.internals.getStructParentTree();
    for (; this.compacted < kids.length - 1; this.compacted++) {
      const page = kids[this.compacted] as PdfReference;
      const key = page.data.StructParents;
      const elements = key === undefined ? undefined : tree.get(key);
      // The page's marked-content → element array, final once the page is written, becomes its PDF text.
      if (key !== undefined && elements !== undefined)
        tree.add(key, new this.StandIn(`[${elements.map(referenceText).join(' ')}]`));
      kids[this.compacted] = new this.StandIn(`${page.id} 0 R`);
    }
  }
}
