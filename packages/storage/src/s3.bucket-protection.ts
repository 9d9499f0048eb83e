import type { S3Client } from '@aws-sdk/client-s3';
import { errorName, isAccessDenied, isUnsupportedOperation } from './s3.errors';
import type { ObjectLockMode } from './s3.config';
import type { S3Sdk } from './s3.sdk';

/**
 * `unsupported`: the server does not implement the setting (s3rver); `unknown`: the credentials may not read it.
 * `off` for versioning means never enabled.
 */
export type VersioningState = 'enabled' | 'suspended' | 'off' | 'unsupported' | 'unknown';
export type ObjectLockState = 'enabled' | 'off' | 'unsupported' | 'unknown';

/** What the bucket does to keep objects from being replaced or deleted, as read at start. */
export interface BucketProtection {
  versioning: VersioningState;
  objectLock: ObjectLockState;
  /** The bucket's own default retention rule, applied by the server to writes that carry none. */
  defaultRetention?: { mode?: string; days?: number; years?: number };
}

/** The retention every write carries: `mode` until `days` after the write. */
export interface RetentionPolicy {
  mode: ObjectLockMode;
  days: number;
}

/** Reads the bucket's versioning and Object Lock configuration. Fails only on errors other than "not available". */
export async function readBucketProtection(sdk: S3Sdk, client: S3Client, bucket: string): Promise<BucketProtection> {
  const [versioning, lock] = await Promise.all([
    readVersioning(sdk, client, bucket),
    readObjectLock(sdk, client, bucket),
  ]);
  return { versioning, ...lock };
}

async function readVersioning(sdk: S3Sdk, client: S3Client, bucket: string): Promise<VersioningState> {
  try {
    const response = await client.send(new sdk.GetBucketVersioningCommand({ Bucket: bucket }));
    if (response.Status === 'Enabled') return 'enabled';
    return response.Status === 'Suspended' ? 'suspended' : 'off';
  } catch (error) {
    return unavailableState(error);
  }
}

async function readObjectLock(
  sdk: S3Sdk,
  client: S3Client,
  bucket: string,
): Promise<Pick<BucketProtection, 'objectLock' | 'defaultRetention'>> {
  try {
    const response = await client.send(new sdk.GetObjectLockConfigurationCommand({ Bucket: bucket }));
    const configuration = response.ObjectLockConfiguration;
    if (configuration?.ObjectLockEnabled !== 'Enabled') return { objectLock: 'off' };
    const rule = configuration.Rule?.DefaultRetention;
    if (rule === undefined) return { objectLock: 'enabled' };
    return { objectLock: 'enabled', defaultRetention: { mode: rule.Mode, days: rule.Days, years: rule.Years } };
  } catch (error) {
    // AWS and MinIO answer this (404) for a bucket created without Object Lock.
    if (errorName(error) === 'ObjectLockConfigurationNotFoundError') return { objectLock: 'off' };
    return { objectLock: unavailableState(error) };
  }
}

function unavailableState(error: unknown): 'unsupported' | 'unknown' {
  if (isUnsupportedOperation(error)) return 'unsupported';
  if (isAccessDenied(error)) return 'unknown';
  throw error;
}

/**
 * Writes carry retention only when it is configured and the bucket has Object Lock: a server refuses retention
 * headers on a bucket without it.
 */
export function chooseRetentionPolicy(
  protection: BucketProtection,
  mode: ObjectLockMode,
  days: number | undefined,
): RetentionPolicy | null {
  if (days === undefined || protection.objectLock !== 'enabled') return null;
  return { mode, days };
}

/** Object Lock parameters for one write made at `now`; none without a policy. */
export function retentionParameters(
  policy: RetentionPolicy | null,
  now: Date,
): { ObjectLockMode?: ObjectLockMode; ObjectLockRetainUntilDate?: Date } {
  if (policy === null) return {};
  return {
    ObjectLockMode: policy.mode,
    ObjectLockRetainUntilDate: new Date(now.getTime() + policy.days * 24 * 60 * 60 * 1000),
  };
}

/** One log line saying what the bucket protects, and a warning when configured retention cannot be applied. */
export function describeBucketProtection(
  bucket: string,
  protection: BucketProtection,
  policy: RetentionPolicy | null,
  configuredDays: number | undefined,
): { level: 'info' | 'warn'; message: string; details: object } {
  const details = { bucket, ...protection, retentionOnWrites: policy };
  if (configuredDays !== undefined && policy === null) {
    return {
      level: 'warn',
      message:
        `S3 bucket ${bucket}: S3_OBJECT_LOCK_DAYS is set but Object Lock is ${protection.objectLock}; ` +
        'writes carry no retention, so the archive is not write-once at the storage layer',
      details,
    };
  }
  const retention = policy === null ? 'no retention on writes' : `${policy.mode} retention of ${policy.days} days`;
  return {
    level: 'info',
    message: `S3 bucket ${bucket}: versioning ${protection.versioning}, object lock ${protection.objectLock}, ${retention}`,
    details,
  };
}
