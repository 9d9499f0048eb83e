import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { ObjectNotFoundError } from '@verbatim/core';
import type { ObjectStore, PutOptions, StoredObjectInfo } from '@verbatim/core';
// Types only: the SDK itself is loaded by createS3ObjectStore, and only when S3 is the chosen backend.
import type { BucketLocationConstraint, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { assertValidListPrefix, assertValidObjectKey } from './object-key';
import { resolveChecksumModes, S3SettingsSchema, type S3SettingsInput } from './s3.config';
import { withSpooledFile } from './stream-to-file';

/** The lazily imported `@aws-sdk/client-s3` module; the store builds its commands from it. */
export type S3Sdk = typeof import('@aws-sdk/client-s3');

type PutBody = Pick<PutObjectCommandInput, 'Body' | 'ContentLength'>;

export interface S3ObjectStoreOptions {
  /** Keys per ListObjectsV2 page; the server's default (1000) when omitted. Tests set it low to exercise paging. */
  listPageSize?: number;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Object store on S3 or an S3-compatible server (the scale-out deployment). Objects are written once: a put never
 * replaces an existing key. Build it with {@link createS3ObjectStore}.
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly sdk: S3Sdk,
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly options: S3ObjectStoreOptions = {},
  ) {}

  /** Stores `body` under `key` unless the key exists; `created` is false when it did. */
  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<{ created: boolean }> {
    assertValidObjectKey(key);
    const created = await this.putOnce(key, options, () => ({ Body: body, ContentLength: body.byteLength }));
    return { created };
  }

  /**
   * Streams `body` to `key`. PutObject needs the length up front and `@aws-sdk/lib-storage` is not a dependency, so
   * the stream is spooled to a temp file first (never buffered in memory), then uploaded from it with its length.
   * The stream is always read to its end; `byteLength` counts the bytes read.
   */
  async putStream(
    key: string,
    body: Readable,
    options: PutOptions = {},
  ): Promise<{ created: boolean; byteLength: number }> {
    assertValidObjectKey(key);
    return withSpooledFile(body, async (path, byteLength) => {
      const created = await this.putOnce(key, options, () => ({
        Body: createReadStream(path),
        ContentLength: byteLength,
      }));
      return { created, byteLength };
    });
  }

  /** Reads the whole object; throws `ObjectNotFoundError` when absent. */
  async get(key: string): Promise<Uint8Array> {
    const body = await this.getBody(key);
    return body.transformToByteArray();
  }

  /** Streams the object; throws `ObjectNotFoundError` when absent (checked before the stream is returned). */
  async getStream(key: string): Promise<Readable> {
    const body = await this.getBody(key);
    if (!(body instanceof Readable)) throw new Error('the S3 SDK returned a non-Node stream; is this running in Node?');
    return body;
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

  /** Checks the bucket exists and the credentials may use it (HeadBucket). */
  async ping(): Promise<void> {
    await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Creates the bucket unless it exists. For local setups and tests; production buckets are provisioned by infra. */
  async ensureBucket(): Promise<void> {
    try {
      await this.ping();
      return;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
    const region = await this.client.config.region();
    // us-east-1 is the one region that rejects an explicit location constraint.
    const configuration =
      region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    try {
      await this.client.send(
        new this.sdk.CreateBucketCommand({ Bucket: this.bucket, CreateBucketConfiguration: configuration }),
      );
    } catch (error) {
      if (errorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
    }
  }

  /** Releases the client's sockets; call on shutdown. */
  destroy(): void {
    this.client.destroy();
  }

  /**
   * Write-once on two fronts. `IfNoneMatch: '*'` makes servers that support conditional writes (AWS, MinIO) refuse
   * to replace an object, answering 412. s3rver and some others ignore that header, so we HeadObject first and skip
   * when present. A writer racing between our head and our put can still overwrite, but our keys are
   * content-addressed, so the racing duplicate is byte-identical and nothing is lost.
   */
  private async putOnce(key: string, options: PutOptions, makeBody: () => PutBody): Promise<boolean> {
    if ((await this.head(key)) !== null) return false;
    try {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
          IfNoneMatch: '*',
          ...makeBody(),
        }),
      );
      return true;
    } catch (error) {
      if (httpStatus(error) === 412) return false;
      throw error;
    }
  }

  private async getBody(key: string) {
    assertValidObjectKey(key);
    try {
      const response = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (response.Body === undefined) throw new Error(`GetObject for ${key} returned no body`);
      return response.Body;
    } catch (error) {
      if (isMissingObject(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}

/**
 * Builds an S3 store from validated settings. This is the only place that loads `@aws-sdk/client-s3`, so a
 * filesystem deployment never pays for it. Does not contact the server unless `createBucketIfMissing` is set;
 * call `ping()` to check it answers.
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
  const store = new S3ObjectStore(sdk, client, settings.bucket, options);
  if (settings.createBucketIfMissing) await store.ensureBucket();
  return store;
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** A 404 means "no such key", except NoSuchBucket, which is a misconfiguration and must not look like absence. */
function isMissingObject(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'NoSuchBucket') return false;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatus(error) === 404;
}
