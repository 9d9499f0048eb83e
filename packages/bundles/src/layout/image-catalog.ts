import type { PreparedBundle } from '../prepare-bundle';
import type { ImageInfo } from './section-context';

/** Fetches an image's bytes by SHA-256, e.g. from the object store. Called once per image per pass at most. */
export type LoadImage = (sha256: string) => Promise<Buffer | Uint8Array>;

const DRAWABLE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg']);

/** Pixel size from a PNG or JPEG header (the two formats PDF can embed without re-encoding); undefined otherwise. */
export function readImageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length >= 24 && view.readUInt32BE(0) === 0x89504e47 && view.toString('latin1', 12, 16) === 'IHDR') {
    return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  if (view.length < 4 || view[0] !== 0xff || view[1] !== 0xd8) return undefined;
  for (let offset = 2; offset + 9 < view.length;) {
    if (view[offset] !== 0xff) return undefined;
    const marker = view[offset + 1];
    const length = view.readUInt16BE(offset + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.readUInt16BE(offset + 7), height: view.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return undefined;
}

async function inspect(sha256: string, loadImage: LoadImage): Promise<ImageInfo> {
  let bytes: Uint8Array;
  try {
    bytes = await loadImage(sha256);
  } catch (error) {
    return { drawable: false, reason: `the archived image could not be read (${(error as Error).message})` };
  }
  const size = readImageSize(bytes);
  if (size === undefined || size.width === 0 || size.height === 0)
    return { drawable: false, reason: 'not a PNG or JPEG image' };
  return { ...size, drawable: true };
}

/**
 * Size of every image the bundle will draw. Sizes given in the input are trusted (no fetch); others are read
 * from the image's header, one image at a time so memory holds one image at most.
 */
export async function catalogImages(bundle: PreparedBundle, loadImage: LoadImage): Promise<Map<string, ImageInfo>> {
  const images = new Map<string, ImageInfo>();
  for (const item of bundle.items) {
    if (item.disposition !== 'produced') continue;
    for (const attachment of item.record.attachments) {
      const { sha256 } = attachment;
      if (attachment.kind !== 'image' || sha256 === undefined || attachment.withheld || images.has(sha256)) continue;
      const typeKnown = attachment.mediaType !== undefined && DRAWABLE_TYPES.has(attachment.mediaType.toLowerCase());
      if (attachment.mediaType !== undefined && !typeKnown) {
        images.set(sha256, { drawable: false, reason: `${attachment.mediaType} cannot be embedded in a PDF as is` });
      } else if (typeKnown && attachment.width && attachment.height) {
        images.set(sha256, { width: attachment.width, height: attachment.height, drawable: true });
      } else {
        images.set(sha256, await inspect(sha256, loadImage));
      }
    }
  }
  return images;
}
