import { Writable } from 'node:stream';
import type { BundleInputDraft } from '../bundle-input';
import { renderBundlePdf } from '../render-bundle-pdf';
import { loadSampleImage, sampleBundle } from '../testing/sample-bundle';

/** The sample's first four items, repeated with fresh ids: a bundle of `count` items. */
function manyItems(count: number): BundleInputDraft {
  const input = sampleBundle();
  const template = input.items.slice(0, 3);
  input.items = Array.from({ length: count }, (_, index) => {
    const item = structuredClone(template[index % template.length]);
    if (item.disposition === 'produced') item.record.id = `rec-copy-${index}`;
    return item;
  });
  return input;
}

/** A slow sink: each write completes on a later turn of the event loop; it records how much ever waited in it. */
class SlowWritable extends Writable {
  bytes = 0;
  writes = 0;
  maxBuffered = 0;

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    this.writes++;
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setImmediate(callback);
  }
}

describe('streaming output', () => {
  test('a slow output never has more than about one slice waiting: the renderer waits for it', async () => {
    const sink = new SlowWritable();
    const result = await renderBundlePdf(manyItems(450), sink, { loadImage: loadSampleImage });
    expect(result.pages).toBeGreaterThan(450);
    expect(sink.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(sink.writes).toBeGreaterThan(10);
    expect(sink.maxBuffered).toBeLessThan(1024 * 1024);
  });

  test('an output that fails makes the render fail', async () => {
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    await expect(renderBundlePdf(manyItems(200), failing, { loadImage: loadSampleImage })).rejects.toThrow('disk full');
  });
});
