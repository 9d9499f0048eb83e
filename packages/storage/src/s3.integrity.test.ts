import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mediaKey, rawCaptureKey } from '@verbatim/core';
import { ObjectIntegrityError } from './object-integrity';
import { drain } from './stream-drain.test-fixture';
import { openS3TestStore, TEST_BUCKET, type S3TestStore } from './s3.test-fixture';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('S3ObjectStore verifies SHA-256 on read (s3rver)', () => {
  let fixture: S3TestStore;

  beforeAll(async () => {
    fixture = await openS3TestStore();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Flips one byte of the object in s3rver's directory: bit rot on the server's disk, same length. */
  async function flipOneByteOnDisk(key: string): Promise<void> {
    const path = join(fixture.directory, TEST_BUCKET, ...key.split('/')) + '._S3rver_object';
    const stored = await readFile(path);
    stored[Math.floor(stored.length / 2)] ^= 0xff;
    await writeFile(path, stored);
  }

  it('fails get and getStream of a raw capture whose bytes on disk no longer match its key', async () => {
    const original = randomBytes(200_000);
    const key = rawCaptureKey(sha256(original));
    await fixture.store.put(key, original, { contentType: 'application/json' });
    await flipOneByteOnDisk(key);

    const failure = await fixture.store.get(key).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ObjectIntegrityError);
    expect(failure).toMatchObject({ key, expectedSha256: sha256(original) });
    expect((failure as Error).message).toContain(key);

    // The stream errors once the last byte came from S3, instead of ending cleanly.
    const { received, error } = await drain(await fixture.store.getStream(key));
    expect(received.length).toBeLessThanOrEqual(original.length);
    expect(error).toBeInstanceOf(ObjectIntegrityError);
    expect((error as Error).message).toMatch(new RegExp(`object ${key} is corrupt`));
  });

  it('detects other bytes written under a media key around the store', async () => {
    const original = randomBytes(5000);
    const key = mediaKey(sha256(original));
    await fixture.store.put(key, original, { contentType: 'image/png' });
    const substitute = randomBytes(5000);
    await fixture.rawClient.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: key, Body: substitute }));

    await expect(fixture.store.get(key)).rejects.toThrow(
      `object ${key} is corrupt: its bytes hash to SHA-256 ${sha256(substitute)}, expected ${sha256(original)}`,
    );
  });

  it('checks keys that are not content-addressed (bundles) against the SHA-256 recorded at write', async () => {
    const key = 'bundles/b-1/bundle.pdf';
    const original = randomBytes(3 * 1024 * 1024);
    await fixture.store.putStream(key, Readable.from([original]), { contentType: 'application/pdf' });
    const intact = await drain(await fixture.store.getStream(key));
    expect(intact.error).toBeUndefined();
    expect(sha256(intact.received)).toBe(sha256(original));

    await flipOneByteOnDisk(key);
    await expect(fixture.store.get(key)).rejects.toBeInstanceOf(ObjectIntegrityError);
    const { error } = await drain(await fixture.store.getStream(key));
    expect(error).toMatchObject({ name: 'ObjectIntegrityError', key, expectedSha256: sha256(original) });
  });

  it('reads an object with neither a content key nor a recorded hash unverified', async () => {
    const key = 'legacy/written-before-hashes';
    const bytes = Buffer.from('stored by an earlier release');
    await fixture.rawClient.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: key, Body: bytes }));
    expect(Buffer.from(await fixture.store.get(key)).equals(bytes)).toBe(true);
    expect((await drain(await fixture.store.getStream(key))).received.equals(bytes)).toBe(true);
  });
});
