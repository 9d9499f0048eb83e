import { prepareBundle } from '../prepare-bundle';
import { loadSampleImage, samplePng, sampleBundle, SAMPLE_IMAGE_SHA256 } from '../testing/sample-bundle';
import { catalogImages, readImageSize } from './image-catalog';

/** A minimal JPEG header: SOI, an APP0 segment, then a baseline SOF0 with height 30 and width 40. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x1e, 0x00, 0x28, 0x01, 0x01,
  0x11, 0x00,
]);

describe('image catalog', () => {
  test('reads pixel sizes from PNG and JPEG headers, and nothing else', () => {
    expect(readImageSize(samplePng(17, 9, 1))).toEqual({ width: 17, height: 9 });
    expect(readImageSize(JPEG)).toEqual({ width: 40, height: 30 });
    expect(readImageSize(Buffer.from('GIF89a....'))).toBeUndefined();
  });

  test('trusts sizes given in the input (no fetch) and reads the others one image at a time', async () => {
    const fetched: string[] = [];
    const load = async (hash: string) => {
      fetched.push(hash);
      return loadSampleImage(hash);
    };
    const given = prepareBundle(sampleBundle());
    expect(await catalogImages(given, load)).toEqual(
      new Map([[SAMPLE_IMAGE_SHA256, { width: 64, height: 48, drawable: true }]]),
    );
    expect(fetched).toEqual([]);
    const input = sampleBundle();
    const item = input.items[0];
    if (item.disposition !== 'produced') throw new Error('expected a produced item');
    delete item.record.attachments![0].width;
    item.record.attachments!.push({
      kind: 'image',
      sha256: 'f'.repeat(64),
      mediaType: 'image/webp',
      width: 5,
      height: 5,
    });
    const images = await catalogImages(prepareBundle(input), load);
    expect(images.get(SAMPLE_IMAGE_SHA256)).toEqual({ width: 64, height: 48, drawable: true });
    expect(images.get('f'.repeat(64))).toEqual({
      drawable: false,
      reason: 'image/webp cannot be embedded in a PDF as is',
    });
    expect(fetched).toEqual([SAMPLE_IMAGE_SHA256]);
  });
});
