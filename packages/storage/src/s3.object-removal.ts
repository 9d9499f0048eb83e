import type { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { ObjectRemoval } from '@verbatim/core';
import type { RetentionPolicy } from './s3.bucket-protection';
import { isMissingObject } from './s3.errors';
import type { S3Sdk } from './s3.sdk';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the object's Object Lock retention ends: the server's own retain-until date when it reports one (AWS,
 * MinIO); else, when this store writes with retention, the write time plus the configured days (what it asked
 * for); else never locked.
 */
export function objectLockEnd(head: HeadObjectCommandOutput, retention: RetentionPolicy | null): Date | null {
  if (head.ObjectLockRetainUntilDate) return new Date(head.ObjectLockRetainUntilDate);
  if (retention !== null && head.LastModified) return new Date(head.LastModified.getTime() + retention.days * DAY_MS);
  return null;
}

/**
 * Deletes one object for disposition, unless its lock has not ended. The version read is the one deleted (by
 * id where the bucket is versioned), so the bytes go, not merely behind a delete marker.
 */
export async function removeS3Object(
  sdk: S3Sdk,
  client: S3Client,
  target: { bucket: string; key: string; retention: RetentionPolicy | null; now: Date },
): Promise<ObjectRemoval> {
  let head: HeadObjectCommandOutput;
  try {
    head = await client.send(new sdk.HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
  } catch (error) {
    if (isMissingObject(error)) return { removed: true };
    throw error;
  }
  const lockedUntil = objectLockEnd(head, target.retention);
  if (lockedUntil !== null && lockedUntil > target.now)
    return { removed: false, lockedUntil: lockedUntil.toISOString() };
  await client.send(
    new sdk.DeleteObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      ...(head.VersionId ? { VersionId: head.VersionId } : {}),
    }),
  );
  return { removed: true };
}
