import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { MIN_MULTIPART_PART_BYTES } from './s3.config';
import { countSent, openS3TestStore, TEST_BUCKET, type S3TestStore } from './s3.test-fixture';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes a plain unsigned GET returns: what s3rver assembled from the parts, with no SDK decoding in between. */
async function readStoredBytes(fixture: S3TestStore, key: string): Promise<Buffer> {
  const response = await fetch(`${fixture.endpoint}/${TEST_BUCKET}/${key}`);
  if (!response.ok) throw new Error(`raw GET of ${key} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

describe('S3ObjectStore multipart upload (s3rver)', () => {
  let fixture: S3TestStore;
  let failPartNumber: number | null = null;

  beforeAll(async () => {
    fixture = await openS3TestStore({
      // The smallest part S3 allows, so a 12 MiB body takes three parts.
      settings: { multipartPartSizeBytes: MIN_MULTIPART_PART_BYTES },
      instrumentClient: (client) =>
        client.middlewareStack.add(
          (next, context) => async (args) => {
            const input = args.input as { PartNumber?: number };
            if (context.commandName === 'UploadPartCommand' && input.PartNumber === failPartNumber) {
              throw new Error(`part ${input.PartNumber} lost on the way`);
            }
            return next(args);
          },
          { step: 'initialize', name: 'failOnePartForTests' },
        ),
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  beforeEach(() => {
    fixture.sent.length = 0;
    failPartNumber = null;
  });

  it('streams a body above one part in parts, and it round-trips byte for byte', async () => {
    const chunks = Array.from({ length: 48 }, () => randomBytes(256 * 1024));
    const whole = Buffer.concat([...chunks, randomBytes(3)]);
    const key = 'bundles/multipart/bundle.zip';

    const result = await fixture.store.putStream(key, Readable.from([...chunks, whole.subarray(-3)]), {
      contentType: 'application/zip',
    });

    expect(result).toEqual({ created: true, byteLength: whole.length });
    expect(countSent(fixture.sent, 'CreateMultipartUploadCommand')).toBe(1);
    expect(countSent(fixture.sent, 'UploadPartCommand')).toBe(3);
    expect(countSent(fixture.sent, 'CompleteMultipartUploadCommand')).toBe(1);
    expect(countSent(fixture.sent, 'PutObjectCommand')).toBe(0);
    expect(sha256(await readStoredBytes(fixture, key))).toBe(sha256(whole));
    expect(sha256(await fixture.store.get(key))).toBe(sha256(whole));
    expect(await fixture.store.head(key)).toEqual({ key, byteLength: whole.length, contentType: 'application/zip' });
  });

  it('records the whole body SHA-256 on a multipart object, so reads are verified', async () => {
    const body = randomBytes(MIN_MULTIPART_PART_BYTES + 1);
    const key = 'bundles/multipart/recorded';
    await fixture.store.putStream(key, Readable.from([body]));
    const create = fixture.sent.find((request) => request.commandName === 'CreateMultipartUploadCommand');
    expect(create?.headers['x-amz-meta-sha256']).toBe(sha256(body));
  });

  it('sends a body of exactly one part as a single PutObject', async () => {
    const body = randomBytes(MIN_MULTIPART_PART_BYTES);
    await fixture.store.put('media/single/part', body);
    await fixture.store.putStream('media/single/stream', Readable.from([body]));
    expect(countSent(fixture.sent, 'PutObjectCommand')).toBe(2);
    expect(countSent(fixture.sent, 'UploadPartCommand')).toBe(0);
  });

  it('uploads a large in-memory body (media) in parts too', async () => {
    const body = randomBytes(2 * MIN_MULTIPART_PART_BYTES + 10);
    await expect(fixture.store.put('media/large/video', body)).resolves.toEqual({ created: true });
    expect(countSent(fixture.sent, 'UploadPartCommand')).toBe(3);
    expect(Buffer.from(await fixture.store.get('media/large/video')).equals(body)).toBe(true);
  });

  it('aborts the upload when a part fails, leaving no object, and reports the part failure', async () => {
    failPartNumber = 2;
    const key = 'bundles/multipart/failed';
    await expect(
      fixture.store.putStream(key, Readable.from([randomBytes(3 * MIN_MULTIPART_PART_BYTES)])),
    ).rejects.toThrow('part 2 lost on the way');
    // s3rver does not implement AbortMultipartUpload; the store still reports why the upload failed, not the abort.
    expect(countSent(fixture.sent, 'AbortMultipartUploadCommand')).toBe(1);
    expect(countSent(fixture.sent, 'CompleteMultipartUploadCommand')).toBe(0);
    expect(await fixture.store.head(key)).toBeNull();
  });
});
