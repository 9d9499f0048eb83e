/**
 * pdfkit 0.20 turns every fragment of object syntax ("12 0 obj", a dictionary, "endobj") into its own
 * Uint8Array, converted one character at a time, and pushes each into its Readable: tens of thousands of tiny
 * chunks per second, which cost more than writing the objects. This batches them: same bytes in the same order,
 * converted natively (latin1 is exactly pdfkit's `charCode & 0xff`), pushed in slices. It replaces the
 * instance's internal `_write` and `push`; the byte-identical-output tests guard it against pdfkit changes.
 */

const SLICE_BYTES = 64 * 1024;

interface PdfkitWriter {
  _write(data: Uint8Array | string): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

export function batchPdfkitOutput(doc: PDFKit.PDFDocument): void {
  const writer = doc as unknown as PdfkitWriter;
  if (typeof writer._write !== 'function' || typeof writer._offset !== 'number') {
    throw new Error(
      'pdfkit no longer has the _write/_offset internals this renderer batches (written for pdfkit 0.20)',
    );
  }
  const push = writer.push.bind(writer);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    push(Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  writer._write = (data) => {
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${data}\n`, 'latin1');
    pending.push(bytes);
    pendingBytes += bytes.length;
    writer._offset += bytes.length;
    if (pendingBytes >= SLICE_BYTES) flush();
  };
  writer.push = (chunk) => {
    flush();
    return push(chunk);
  };
}

/** Content-stream bytes for `doc.addContent`, converted natively (pdfkit would convert a string per character). */
export function contentBytes(operators: string): Buffer {
  return Buffer.from(`${operators}\n`, 'latin1');
}
