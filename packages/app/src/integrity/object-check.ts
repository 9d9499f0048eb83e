import { createHash } from 'node:crypto';
import { ObjectIntegrityError, ObjectNotFoundError, type ObjectStore, type RetentionStore } from '@verbatim/core';

/** A stored object the catalog promises: where it is, what it must hash to, and how to name it to a person. */
export interface PromisedObject {
  kind: 'capture' | 'media';
  key: string;
  sha256: string;
  accountId: string;
}

/** Something wrong with an object or a chain, said so a person can find it. */
export interface IntegrityProblem {
  kind:
    | 'object_missing'
    | 'object_altered'
    | 'capture_missing'
    | 'link_missing'
    | 'link_altered'
    | 'capture_unlinked'
    | 'audit_chain';
  /** The object key concerned, when one is. */
  key: string | null;
  sha256: string | null;
  accountId: string | null;
  message: string;
}

export interface ObjectCheckDependencies {
  objectStore: ObjectStore;
  /** Says whether a missing object was disposed of on purpose (not a finding). */
  retention: Pick<RetentionStore, 'getDisposedObject'>;
}

/**
 * Re-hashes an object's bytes as stored (streamed, so a large video never sits in memory) against the SHA-256 its
 * catalog row records (the store checks them against a content-addressed key on the way). Null when intact or
 * disposed of on purpose.
 */
export async function checkObject(
  dependencies: ObjectCheckDependencies,
  object: PromisedObject,
): Promise<IntegrityProblem | null> {
  const account = object.accountId ? `, account ${object.accountId}` : '';
  const what = `${object.kind} ${object.sha256} (object ${object.key}${account})`;
  const base = { key: object.key, sha256: object.sha256, accountId: object.accountId || null };
  let actual: string;
  try {
    actual = await hashOf(dependencies.objectStore, object.key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      const disposed = await dependencies.retention.getDisposedObject(object.key);
      if (disposed?.deletedAt) return null;
      return { ...base, kind: 'object_missing', message: `${what} is missing from the object store` };
    }
    if (error instanceof ObjectIntegrityError) {
      return {
        ...base,
        kind: 'object_altered',
        message: `${what} is altered: its bytes hash to ${error.actualSha256}, its key says ${error.expectedSha256}`,
      };
    }
    throw error;
  }
  if (actual === object.sha256) return null;
  return {
    ...base,
    kind: 'object_altered',
    message: `${what} is altered: its bytes hash to ${actual}, the catalog recorded ${object.sha256}`,
  };
}

async function hashOf(objectStore: ObjectStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await objectStore.getStream(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
