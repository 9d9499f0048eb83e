import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** pdfkit emits many tiny chunks (one per line of object syntax); the output gets them in slices of this size. */
const SLICE_BYTES = 256 * 1024;

/**
 * Moves pdfkit's output into the caller's Writable with backpressure. pdfkit pushes without looking at
 * backpressure, so the renderer calls `drain()` between pages: it waits while the output is full, so at most
 * about one slice plus a page is ever held in memory, however large the bundle.
 */
export class OutputSink {
  private slices: Uint8Array[] = [];
  private bytes = 0;
  private failure: Error | undefined;
  private readonly ended: Promise<unknown>;

  constructor(
    doc: Readable,
    private readonly output: Writable,
  ) {
    this.ended = once(doc, 'end');
    output.on('error', (error) => (this.failure ??= error));
    doc.on('data', (chunk: Uint8Array) => {
      this.slices.push(chunk);
      this.bytes += chunk.length;
      if (this.bytes >= SLICE_BYTES) this.flush();
    });
  }

  /** Waits until the output can take more; throws if it failed. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.output.writableNeedDrain) await once(this.output, 'drain');
  }

  /** Lets I/O callbacks run; call every few pages so a fast renderer does not starve the event loop. */
  async yieldTurn(): Promise<void> {
    await nextTurn();
    await this.drain();
  }

  /** After `doc.end()`: writes the rest, ends the output and waits until it has taken everything. */
  async finish(): Promise<void> {
    await this.ended;
    this.flush();
    this.output.end();
    await finished(this.output);
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.bytes === 0) return;
    this.output.write(Buffer.concat(this.slices, this.bytes));
    this.slices = [];
    this.bytes = 0;
  }
}
