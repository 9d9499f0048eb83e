import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BundleInputDraft } from '../bundle-input';
import { renderBundlePdf, type RenderBundleResult } from '../render-bundle-pdf';
import { loadSampleImage } from './sample-bundle';

/** A Writable that keeps what it is given, for tests. */
export class MemoryWritable extends Writable {
  private readonly chunks: Buffer[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk);
    callback();
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Renders in this thread into memory. */
export async function renderToBuffer(input: BundleInputDraft): Promise<{ bytes: Buffer; result: RenderBundleResult }> {
  const sink = new MemoryWritable();
  const result = await renderBundlePdf(input, sink, { loadImage: loadSampleImage });
  return { bytes: sink.bytes(), result };
}
