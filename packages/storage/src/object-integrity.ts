import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { ObjectIntegrityError, sha256Hex } from '@verbatim/core';

/**
 * Name of the user metadata entry (`x-amz-meta-sha256`) holding the SHA-256 of an object's bytes, written with every
 * object so reads can be verified even where the key is not content-addressed (bundles, test keys).
 */
export const SHA256_METADATA_NAME = 'sha256';

/**
 * Content-addressed keys as `rawCaptureKey` and `mediaKey` (in `@verbatim/core`) build them:
 * `raw/<first two hex digits>/<sha256>` and `media/<first two hex digits>/<sha256>`.
 */
const CONTENT_ADDRESSED_KEY = /^(?:raw|media)\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export { ObjectIntegrityError, sha256Hex };

/**
 * The SHA-256 an object under `key` must hash to: the one in a content-addressed key wins over the recorded metadata
 * (metadata travels with the object and could be rewritten with it). Null when neither says, as for objects written
 * before hashes were recorded; such objects are read unverified.
 */
export function expectedSha256Of(key: string, metadata: Record<string, string> | undefined): string | null {
  const match = CONTENT_ADDRESSED_KEY.exec(key);
  if (match !== null && match[2].startsWith(match[1])) return match[2];
  const recorded = metadata?.[SHA256_METADATA_NAME]?.toLowerCase();
  return recorded !== undefined && SHA256_HEX.test(recorded) ? recorded : null;
}

/** Throws `ObjectIntegrityError` unless `bytes` hash to `expected` (null: nothing to check against). */
export function assertIntact(key: string, bytes: Uint8Array, expected: string | null): void {
  if (expected === null) return;
  const actual = sha256Hex(bytes);
  if (actual !== expected) throw new ObjectIntegrityError(key, expected, actual);
}

/**
 * A pass-through stream that hashes what flows through it and, at the end, errors with `ObjectIntegrityError`
 * instead of ending when the hash differs from `expected`. A reader may have consumed most of a corrupt object's
 * bytes by then, but never sees it end cleanly, so nothing built from it (a bundle, a verification) completes.
 */
export function createVerifyingStream(key: string, expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = hash.digest('hex');
      callback(actual === expected ? null : new ObjectIntegrityError(key, expected, actual));
    },
  });
}

/**
 * `body` as read, checked against `expected` on the way (see createVerifyingStream); unchanged when there is
 * nothing to check against. pipeline forwards the source's errors to the reader and releases the source (a
 * socket, a file) if the reader stops early.
 */
export function verifiedStream(key: string, body: Readable, expected: string | null): Readable {
  if (expected === null) return body;
  return pipeline(body, createVerifyingStream(key, expected), () => {});
}
