import type { BucketLocationConstraint, S3Client } from '@aws-sdk/client-s3';
import { errorName, httpStatus, isAccessDenied, isUnsupportedOperation } from './s3.errors';
import type { S3Sdk } from './s3.sdk';

/**
 * Creates the bucket unless it exists, for local setups and tests (production buckets are provisioned by infra, and
 * an existing bucket is never reconfigured). The new bucket gets versioning, and Object Lock when `withObjectLock`,
 * wherever the server allows them; a server that implements neither (s3rver) still gets its plain bucket.
 */
export async function createBucketUnlessPresent(
  sdk: S3Sdk,
  client: S3Client,
  bucket: string,
  withObjectLock: boolean,
): Promise<void> {
  try {
    await client.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  const created = await createBucket(sdk, client, bucket, withObjectLock);
  if (!created) return;
  try {
    await client.send(
      new sdk.PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  } catch (error) {
    if (!cannotEnableVersioning(error)) throw error;
  }
}

/**
 * The server will not version this bucket; the start-up log then reports versioning as it is. s3rver does not know
 * the `?versioning` sub-resource and takes the request for a second CreateBucket, hence BucketAlreadyExists.
 */
function cannotEnableVersioning(error: unknown): boolean {
  return isUnsupportedOperation(error) || isAccessDenied(error) || errorName(error) === 'BucketAlreadyExists';
}

/** Returns false when another process created the bucket first (it then owns its configuration). */
async function createBucket(sdk: S3Sdk, client: S3Client, bucket: string, withObjectLock: boolean): Promise<boolean> {
  const region = await client.config.region();
  // us-east-1 is the one region that rejects an explicit location constraint.
  const configuration = region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
  const send = (objectLock: boolean) =>
    client.send(
      new sdk.CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: configuration,
        ObjectLockEnabledForBucket: objectLock ? true : undefined,
      }),
    );
  try {
    await send(withObjectLock);
    return true;
  } catch (error) {
    if (errorName(error) === 'BucketAlreadyOwnedByYou') return false;
    if (!withObjectLock || !isUnsupportedOperation(error)) throw error;
  }
  // The server cannot lock: a plain bucket, and the start-up log says Object Lock is unsupported.
  await send(false);
  return true;
}
