import { mediaKey, type ObjectStore } from '@verbatim/core';

/** The renderer's image loader over the archive: media bytes by SHA-256, one at a time, from the object store. */
export function archivedImageLoader(objectStore: ObjectStore): (sha256: string) => Promise<Buffer> {
  return async (sha256) => Buffer.from(await objectStore.get(mediaKey(sha256)));
}
