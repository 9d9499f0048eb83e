import type { Readable } from 'node:stream';

export interface StoredObjectInfo {
  key: string;
  byteLength: number;
  contentType: string;
}

export interface PutOptions {
  contentType?: string;
}

/**
 * Immutable blob storage for raw captures, media and bundles. Keys are written once: putting an existing key
 * never replaces its bytes (content-addressed keys make a repeat put a no-op).
 */
export interface ObjectStore {
  /** Stores bytes under `key` unless the key exists. Returns whether bytes were written. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<{ created: boolean }>;
  /** Streams `body` to `key` (for large objects such as bundles); the object appears only once complete. */
  putStream(key: string, body: Readable, options?: PutOptions): Promise<{ created: boolean; byteLength: number }>;
  /** Reads the whole object. Throws `ObjectNotFoundError` when absent. */
  get(key: string): Promise<Uint8Array>;
  /** Streams the object. Throws `ObjectNotFoundError` when absent. */
  getStream(key: string): Promise<Readable>;
  /** Size and type, or null when absent. */
  head(key: string): Promise<StoredObjectInfo | null>;
  /** Lists keys under a prefix, in key order. */
  list(prefix: string): AsyncIterable<string>;
  /** Checks the store answers; used by /healthz and at start. */
  ping(): Promise<void>;
  /**
   * Deletes the object, for disposition only (the one deliberate exception to write-once). An object still under
   * the store's Object Lock retention is not deleted: the answer says until when it is locked. Deleting an absent
   * key is not an error.
   */
  remove(key: string): Promise<ObjectRemoval>;
}

/** What `remove` did: deleted (or already absent), or kept by an Object Lock until `lockedUntil` (ISO-8601). */
export type ObjectRemoval = { removed: true } | { removed: false; lockedUntil: string };

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`no object stored under ${key}`);
  }
}

/** Thrown when an object's bytes no longer hash to the SHA-256 its key or its recorded metadata promises. */
export class ObjectIntegrityError extends Error {
  override readonly name = 'ObjectIntegrityError';
  constructor(
    readonly key: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(`object ${key} is corrupt: its bytes hash to SHA-256 ${actualSha256}, expected ${expectedSha256}`);
  }
}

/** Content-addressed key of a raw platform response. */
export function rawCaptureKey(sha256: string): string {
  return `raw/${sha256.slice(0, 2)}/${sha256}`;
}

/** Content-addressed key of a media file. */
export function mediaKey(sha256: string): string {
  return `media/${sha256.slice(0, 2)}/${sha256}`;
}

/** Content-addressed key of a policy document's uploaded file (PDF, text or Markdown). */
export function policyFileKey(sha256: string): string {
  return `policies/${sha256.slice(0, 2)}/${sha256}`;
}
