import { PNG } from 'pngjs';
import { mix32 } from './prng';

/**
 * Renders a small PNG whose colours derive from the item's hash: real bytes a media pipeline can decode, hash
 * and thumbnail, different per item, identical on every download.
 */
export function renderMockImage(width: number, height: number, colourSeed: number): Buffer {
  const png = new PNG({ width, height });
  const from = mix32(colourSeed);
  const to = mix32(from ^ 0x5bd1e995);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const offset = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const a = (from >>> (channel * 8)) & 0xff;
        const b = (to >>> (channel * 8)) & 0xff;
        png.data[offset + channel] = Math.round(a + (b - a) * t);
      }
      png.data[offset + 3] = 255;
    }
  }
  // One fixed filter: a gradient compresses as well with Sub as with pngjs's default trial of all five filters,
  // at a third of the CPU. The mock stands in for a remote server, so its rendering should not weigh on ingest.
  return PNG.sync.write(png, { filterType: 1 });
}
