import type { Readable } from 'node:stream';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { S3Sdk } from './s3.sdk';

/** One object to write: everything PutObject takes except the body, plus the body and what we know about it. */
export interface ObjectUpload {
  params: Omit<PutObjectCommandInput, 'Body' | 'ContentLength'>;
  /** Bytes in memory, or a factory opening the spooled file (called once). */
  body: Uint8Array | (() => Readable);
  byteLength: number;
  /** Hex SHA-256 of the body. */
  sha256: string;
}

/**
 * Writes one object: a single PutObject up to `partSizeBytes`, a multipart upload in parts of that size above it.
 * A failed multipart upload is aborted, so no parts are left behind; the error thrown is the upload's own.
 */
export async function uploadObject(
  sdk: S3Sdk,
  client: S3Client,
  upload: ObjectUpload,
  partSizeBytes: number,
): Promise<void> {
  const body = typeof upload.body === 'function' ? upload.body() : upload.body;
  try {
    await sendUpload(sdk, client, { ...upload, body }, partSizeBytes);
  } finally {
    // Closes the spooled file whether or not the SDK read it to the end.
    if (!(body instanceof Uint8Array)) body.destroy();
  }
}

async function sendUpload(
  sdk: S3Sdk,
  client: S3Client,
  upload: Omit<ObjectUpload, 'body'> & { body: Uint8Array | Readable },
  partSizeBytes: number,
): Promise<void> {
  const { body } = upload;
  if (upload.byteLength <= partSizeBytes) {
    await client.send(
      new sdk.PutObjectCommand({
        ...upload.params,
        Body: body,
        ContentLength: upload.byteLength,
        // The server checks the bytes it received, and AWS requires a checksum on writes with Object Lock retention.
        ChecksumSHA256: Buffer.from(upload.sha256, 'hex').toString('base64'),
      }),
    );
    return;
  }
  const { Upload } = await import('@aws-sdk/lib-storage');
  const multipart = new Upload({
    client,
    partSize: partSizeBytes,
    // We abort ourselves: lib-storage would throw the abort's error in place of the one that made the upload fail.
    leavePartsOnError: true,
    params: {
      ...upload.params,
      Body: body,
      ContentLength: upload.byteLength,
      // Parts carry their own SHA-256 (the whole object's would be wrong for a part); AWS requires a checksum on
      // each part of an upload with Object Lock retention.
      ...(upload.params.ObjectLockMode === undefined ? {} : { ChecksumAlgorithm: 'SHA256' as const }),
    },
  });
  try {
    await multipart.done();
  } catch (error) {
    if (multipart.uploadId !== undefined) {
      await abortMultipartUpload(sdk, client, upload.params, multipart.uploadId).catch((abortError: unknown) => {
        // The upload's own error is the one to report; the failed abort rides along, as lib-storage does it.
        if (error instanceof Error && error.cause === undefined) error.cause = abortError;
      });
    }
    throw error;
  }
}

/** Drops the parts already uploaded, so a failed upload leaves nothing behind (nor anything to pay for). */
async function abortMultipartUpload(
  sdk: S3Sdk,
  client: S3Client,
  params: ObjectUpload['params'],
  uploadId: string,
): Promise<void> {
  await client.send(
    new sdk.AbortMultipartUploadCommand({ Bucket: params.Bucket, Key: params.Key, UploadId: uploadId }),
  );
}
