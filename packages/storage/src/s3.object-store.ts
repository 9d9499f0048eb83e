import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ObjectNotFoundError } from '@verbatim/core';
import type { ObjectRemoval, ObjectStore, PutOptions, StoredObjectInfo } from '@verbatim/core';
// Types only: the SDK itself is loaded by createS3ObjectStore, and only when S3 is the chosen backend.
import type { S3Client } from '@aws-sdk/client-s3';
import { assertIntact, verifiedStream, expectedSha256Of, SHA256_METADATA_NAME, sha256Hex } from './object-integrity';
import { assertValidListPrefix, assertValidObjectKey } from './object-key';
import {
  chooseRetentionPolicy,
  describeBucketProtection,
  readBucketProtection,
  retentionParameters,
  type BucketProtection,
  type RetentionPolicy,
} from './s3.bucket-protection';
import { createBucketUnlessPresent } from './s3.bucket-setup';
import { resolveChecksumModes, S3SettingsSchema, type S3Settings, type S3SettingsInput } from './s3.config';
import { httpStatus, isMissingObject } from './s3.errors';
import { removeS3Object } from './s3.object-removal';
import type { S3Sdk } from './s3.sdk';
import { uploadObject, type ObjectUpload } from './s3.upload';
import { stdoutStorageLogger, type StorageLogger } from './storage-logger';
import { withSpooledFile } from './stream-to-file';

export type { S3Sdk } from './s3.sdk';

export interface S3ObjectStoreOptions {
  /** Keys per ListObjectsV2 page; the server's default (1000) when omitted. Tests set it low to exercise paging. */
  listPageSize?: number;
  /** Where the bucket's protection is reported at start; JSON lines on stdout when omitted. */
  logger?: StorageLogger;
  /**
   * Called with the SDK client before the store first uses it, to add middleware: metrics, or in tests, observing
   * the requests sent and standing in for server features s3rver lacks.
   */
  instrumentClient?: (client: S3Client) => void;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Object store on S3 or an S3-compatible server (the scale-out deployment). Objects are written once: a put never
 * replaces an existing key. Every object records its SHA-256, and every read is verified against it (or against
 * the hash in a content-addressed key). When the bucket has Object Lock and a retention is configured, every
 * write is retained (WORM). Build it with {@link createS3ObjectStore}.
 */
export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  private bucketProtection: BucketProtection = { versioning: 'unknown', objectLock: 'unknown' };
  private retention: RetentionPolicy | null = null;

  constructor(
    private readonly sdk: S3Sdk,
    /** The SDK client; exposed for instrumentation (middleware), not for writing around the store. */
    readonly client: S3Client,
    private readonly settings: S3Settings,
    private readonly options: S3ObjectStoreOptions = {},
  ) {
    this.bucket = settings.bucket;
  }

  /** What the bucket protects, as read at start by {@link inspectBucket}; `unknown` until then. */
  get protection(): BucketProtection {
    return this.bucketProtection;
  }

  /** Stores `body` under `key` unless the key exists; `created` is false when it did. */
  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<{ created: boolean }> {
    assertValidObjectKey(key);
    const created = await this.putOnce(key, options, { body, byteLength: body.byteLength, sha256: sha256Hex(body) });
    return { created };
  }

  /**
   * Streams `body` to `key`. The stream is spooled to a temp file first (never buffered in memory), which gives the
   * length and SHA-256 the upload needs up front; bodies above one part go up as a multipart upload. The stream is
   * always read to its end; `byteLength` counts the bytes read.
   */
  async putStream(
    key: string,
    body: Readable,
    options: PutOptions = {},
  ): Promise<{ created: boolean; byteLength: number }> {
    assertValidObjectKey(key);
    return withSpooledFile(body, async (path, { byteLength, sha256 }) => {
      const created = await this.putOnce(key, options, { body: () => createReadStream(path), byteLength, sha256 });
      return { created, byteLength };
    });
  }

  /** Reads the whole object; throws `ObjectNotFoundError` when absent, `ObjectIntegrityError` when corrupt. */
  async get(key: string): Promise<Uint8Array> {
    const { body, expectedSha256 } = await this.getObject(key);
    const bytes = await body.transformToByteArray();
    assertIntact(key, bytes, expectedSha256);
    return bytes;
  }

  /**
   * Streams the object; throws `ObjectNotFoundError` when absent (checked before the stream is returned). A corrupt
   * object's stream errors with `ObjectIntegrityError` once its last byte has come from S3, instead of ending.
   */
  async getStream(key: string): Promise<Readable> {
    const { body, expectedSha256 } = await this.getObject(key);
    if (!(body instanceof Readable)) throw new Error('the S3 SDK returned a non-Node stream; is this running in Node?');
    return verifiedStream(key, body, expectedSha256);
  }

  /** Size and content type from HeadObject; null when absent. */
  async head(key: string): Promise<StoredObjectInfo | null> {
    assertValidObjectKey(key);
    try {
      const response = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        byteLength: response.ContentLength ?? 0,
        contentType: response.ContentType ?? DEFAULT_CONTENT_TYPE,
      };
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw error;
    }
  }

  /** Lists keys under `prefix` in S3's order (UTF-8 bytes), following continuation tokens page by page. */
  async *list(prefix: string): AsyncIterable<string> {
    assertValidListPrefix(prefix);
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new this.sdk.ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix,
          ContinuationToken: continuationToken,
          MaxKeys: this.options.listPageSize,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) yield object.Key;
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
  }

  /** Deletes for disposition; an object whose Object Lock has not ended stays, and the answer says until when. */
  async remove(key: string): Promise<ObjectRemoval> {
    assertValidObjectKey(key);
    return removeS3Object(this.sdk, this.client, {
      bucket: this.bucket,
      key,
      retention: this.retention,
      now: new Date(),
    });
  }

  /** Checks the bucket exists and the credentials may use it (HeadBucket). */
  async ping(): Promise<void> {
    await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.bucket }));
  }

  /**
   * Creates the bucket unless it exists, with versioning, and with Object Lock when a retention is configured,
   * where the server allows. For local setups and tests; production buckets are provisioned by infra.
   */
  async ensureBucket(): Promise<void> {
    const withObjectLock = this.settings.objectLockRetentionDays !== undefined;
    await createBucketUnlessPresent(this.sdk, this.client, this.bucket, withObjectLock);
  }

  /**
   * Reads the bucket's versioning and Object Lock configuration, decides whether writes carry retention, and logs
   * both once. A server that implements neither (s3rver) is reported as such, not treated as an error.
   */
  async inspectBucket(): Promise<BucketProtection> {
    this.bucketProtection = await readBucketProtection(this.sdk, this.client, this.bucket);
    const { objectLockMode, objectLockRetentionDays } = this.settings;
    this.retention = chooseRetentionPolicy(this.bucketProtection, objectLockMode, objectLockRetentionDays);
    const { level, message, details } = describeBucketProtection(
      this.bucket,
      this.bucketProtection,
      this.retention,
      objectLockRetentionDays,
    );
    (this.options.logger ?? stdoutStorageLogger)[level](details, message);
    return this.bucketProtection;
  }

  /** Releases the client's sockets; call on shutdown. */
  destroy(): void {
    this.client.destroy();
  }

  /**
   * Write-once on two fronts. `IfNoneMatch: '*'` makes servers that support conditional writes (AWS, MinIO) refuse
   * to replace an object, answering 412. s3rver and some others ignore that header, so we HeadObject first and skip
   * when present. A writer racing between our head and our put can still overwrite, but our keys are
   * content-addressed, so the racing duplicate is byte-identical and nothing is lost (and with versioning on, the
   * earlier version stays).
   */
  private async putOnce(key: string, options: PutOptions, body: Omit<ObjectUpload, 'params'>): Promise<boolean> {
    if ((await this.head(key)) !== null) return false;
    const params: ObjectUpload['params'] = {
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
      IfNoneMatch: '*',
      Metadata: { [SHA256_METADATA_NAME]: body.sha256 },
      ...retentionParameters(this.retention, new Date()),
    };
    try {
      await uploadObject(this.sdk, this.client, { params, ...body }, this.settings.multipartPartSizeBytes);
      return true;
    } catch (error) {
      if (httpStatus(error) === 412) return false;
      throw error;
    }
  }

  private async getObject(key: string) {
    assertValidObjectKey(key);
    try {
      const response = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (response.Body === undefined) throw new Error(`GetObject for ${key} returned no body`);
      return { body: response.Body, expectedSha256: expectedSha256Of(key, response.Metadata) };
    } catch (error) {
      if (isMissingObject(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}

/**
 * Builds an S3 store from validated settings. This is the only place that loads `@aws-sdk/client-s3`, so a
 * filesystem deployment never pays for it. Contacts the server at once: creates the bucket when
 * `createBucketIfMissing` is set, then reads and logs its versioning and Object Lock configuration. Call `ping()` to
 * check the bucket itself answers.
 */
export async function createS3ObjectStore(
  input: S3SettingsInput,
  options: S3ObjectStoreOptions = {},
): Promise<S3ObjectStore> {
  const settings = S3SettingsSchema.parse(input);
  const sdk = await import('@aws-sdk/client-s3');
  const { accessKeyId, secretAccessKey } = settings;
  const client = new sdk.S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials:
      accessKeyId !== undefined && secretAccessKey !== undefined ? { accessKeyId, secretAccessKey } : undefined,
    ...resolveChecksumModes(settings),
  });
  options.instrumentClient?.(client);
  const store = new S3ObjectStore(sdk, client, settings, options);
  try {
    if (settings.createBucketIfMissing) await store.ensureBucket();
    await store.inspectBucket();
  } catch (error) {
    store.destroy();
    throw error;
  }
  return store;
}
