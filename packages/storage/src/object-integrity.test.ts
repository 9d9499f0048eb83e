import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mediaKey, rawCaptureKey } from '@verbatim/core';
import { createVerifyingStream, expectedSha256Of, ObjectIntegrityError, sha256Hex } from './object-integrity';

const HASH = sha256Hex(Buffer.from('archived'));
const OTHER_HASH = sha256Hex(Buffer.from('something else'));

describe('expectedSha256Of', () => {
  it('takes the hash from a content-addressed key, over the recorded one', () => {
    expect(expectedSha256Of(rawCaptureKey(HASH), { sha256: OTHER_HASH })).toBe(HASH);
    expect(expectedSha256Of(mediaKey(HASH), undefined)).toBe(HASH);
  });

  it('falls back to the recorded hash where the key is not content-addressed', () => {
    expect(expectedSha256Of('bundles/b-1/bundle.pdf', { sha256: OTHER_HASH.toUpperCase() })).toBe(OTHER_HASH);
    // The two-digit directory must be the hash's own first two digits.
    expect(expectedSha256Of(`raw/zz/${HASH}`, { sha256: OTHER_HASH })).toBe(OTHER_HASH);
    expect(expectedSha256Of(`raw/${HASH.slice(0, 2)}/${HASH}x`, undefined)).toBeNull();
  });

  it('answers null when nothing says what the bytes should hash to', () => {
    expect(expectedSha256Of('bundles/b-1/bundle.pdf', {})).toBeNull();
    expect(expectedSha256Of('bundles/b-1/bundle.pdf', { sha256: 'not-a-hash' })).toBeNull();
  });
});

describe('createVerifyingStream', () => {
  it('passes intact bytes through and ends', async () => {
    const received: Buffer[] = [];
    await pipeline(
      Readable.from([Buffer.from('arch'), Buffer.from('ived')]),
      createVerifyingStream('k', HASH),
      async (source) => {
        for await (const chunk of source) received.push(chunk as Buffer);
      },
    );
    expect(Buffer.concat(received).toString()).toBe('archived');
  });

  it('errors at the end, naming the key, when the bytes differ', async () => {
    const verifying = Readable.from([Buffer.from('archiveD')]).pipe(createVerifyingStream('raw/ab/key', HASH));
    const consumed = (async () => {
      for await (const _chunk of verifying);
    })();
    await expect(consumed).rejects.toThrow(ObjectIntegrityError);
    await expect(consumed).rejects.toThrow(/object raw\/ab\/key is corrupt/);
  });
});
