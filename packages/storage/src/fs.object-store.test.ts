import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { rawCaptureKey } from '@verbatim/core';
import { FilesystemObjectStore } from './fs.object-store';
import { ObjectIntegrityError, sha256Hex as sha256 } from './object-integrity';
import { drain } from './stream-drain.test-fixture';

/** Filesystem-only behaviour; the shared contract lives in object-store.conformance.test.ts. */
describe('FilesystemObjectStore', () => {
  let rootDir: string;
  let store: FilesystemObjectStore;

  beforeEach(async () => {
    rootDir = await mkdtemp(join(tmpdir(), 'verbatim-fs-only-'));
    store = new FilesystemObjectStore(rootDir);
  });

  afterEach(async () => {
    await rm(rootDir, { recursive: true, force: true });
  });

  async function listAll(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const key of store.list(prefix)) keys.push(key);
    return keys;
  }

  it('lists in flat byte order even where directory order would differ', async () => {
    // '-' (0x2d) sorts before '/' (0x2f), so "a-c" precedes everything under "a/". (s3rver gets this wrong, which is
    // why the shared suite avoids it.)
    for (const key of ['a/z', 'a-c', 'a/y', 'b']) await store.put(key, Buffer.from(key));
    expect(await listAll('')).toEqual(['a-c', 'a/y', 'a/z', 'b']);
    expect(await listAll('a')).toEqual(['a-c', 'a/y', 'a/z']);
  });

  it('leaves no temp file behind and keeps sidecars out of the key tree', async () => {
    await store.put('raw/ab/abcdef', Buffer.from('x'), { contentType: 'application/json' });
    await store.putStream('raw/ab/abcdef', await store.getStream('raw/ab/abcdef'));
    expect(await readdir(join(rootDir, 'raw', 'ab'))).toEqual(['abcdef']);
    expect(await readdir(join(rootDir, '.meta', 'raw', 'ab'))).toEqual(['abcdef.json']);
  });

  it('links the sidecars of one content type to one shared file, and a different type to another', async () => {
    await store.put('raw/ab/one', Buffer.from('1'), { contentType: 'application/json' });
    await store.put('raw/cd/two', Buffer.from('2'), { contentType: 'application/json' });
    await store.put('media/ef/three', Buffer.from('3'), { contentType: 'image/png' });
    const inode = async (key: string) => (await stat(join(rootDir, '.meta', `${key}.json`))).ino;
    expect(await inode('raw/cd/two')).toBe(await inode('raw/ab/one'));
    expect(await inode('media/ef/three')).not.toBe(await inode('raw/ab/one'));
    expect(await readdir(join(rootDir, '.meta', '.shared'))).toHaveLength(2);
    expect((await store.head('raw/cd/two'))?.contentType).toBe('application/json');
    expect((await store.head('media/ef/three'))?.contentType).toBe('image/png');
    expect(await listAll('')).toEqual(['media/ef/three', 'raw/ab/one', 'raw/cd/two']);
  });

  it('makes a new shared sidecar when the one in use is gone, and earlier objects keep their type', async () => {
    await store.put('raw/ab/one', Buffer.from('1'), { contentType: 'application/json' });
    await rm(join(rootDir, '.meta', '.shared'), { recursive: true });
    await store.put('raw/ab/two', Buffer.from('2'), { contentType: 'application/json' });
    expect((await store.head('raw/ab/one'))?.contentType).toBe('application/json');
    expect((await store.head('raw/ab/two'))?.contentType).toBe('application/json');
    expect(await readdir(join(rootDir, '.meta', '.shared'))).toHaveLength(1);
  });

  it('replaces a sidecar left by a put that failed before its object was linked, leaving no temp name', async () => {
    await store.put('raw/ab/left', Buffer.from('1'), { contentType: 'application/json' });
    await store.put('raw/ab/other', Buffer.from('2'), { contentType: 'text/csv' });
    await rm(join(rootDir, 'raw', 'ab', 'left'));
    await store.put('raw/ab/left', Buffer.from('1'), { contentType: 'application/json' });
    await rm(join(rootDir, 'raw', 'ab', 'left'));
    await store.put('raw/ab/left', Buffer.from('1'), { contentType: 'text/csv' });
    expect((await store.head('raw/ab/left'))?.contentType).toBe('text/csv');
    expect((await readdir(join(rootDir, '.meta', 'raw', 'ab'))).sort()).toEqual(['left.json', 'other.json']);
  });

  it('reads a sidecar written as a file of its own, as stores written before sharing hold', async () => {
    await store.put('raw/ab/old', Buffer.from('1'));
    await rm(join(rootDir, '.meta', 'raw', 'ab', 'old.json'));
    await writeFile(join(rootDir, '.meta', 'raw', 'ab', 'old.json'), JSON.stringify({ contentType: 'text/csv' }));
    expect((await store.head('raw/ab/old'))?.contentType).toBe('text/csv');
  });

  it('skips stray temp files left by a crash when listing', async () => {
    await store.put('raw/ab/abcdef', Buffer.from('x'));
    await writeFile(join(rootDir, 'raw', 'ab', '.tmp-0123456789abcdef'), 'half written');
    expect(await listAll('')).toEqual(['raw/ab/abcdef']);
  });

  it('answers the default content type when a sidecar is missing', async () => {
    await mkdir(join(rootDir, 'media'), { recursive: true });
    await writeFile(join(rootDir, 'media', 'placed-by-hand'), 'abc');
    expect(await store.head('media/placed-by-hand')).toEqual({
      key: 'media/placed-by-hand',
      byteLength: 3,
      contentType: 'application/octet-stream',
    });
  });

  it('refuses a raw capture whose file no longer hashes to its key, whole or streamed', async () => {
    const original = randomBytes(200_000);
    const key = rawCaptureKey(sha256(original));
    await store.put(key, original, { contentType: 'application/json' });
    expect(sha256((await drain(await store.getStream(key))).received)).toBe(sha256(original));

    const altered = Buffer.from(original);
    altered[123_456] ^= 0xff;
    await rm(join(rootDir, key));
    await writeFile(join(rootDir, key), altered);

    const failure = await store.get(key).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ObjectIntegrityError);
    expect(failure).toMatchObject({ key, expectedSha256: sha256(original) });
    const { error } = await drain(await store.getStream(key));
    expect(error).toBeInstanceOf(ObjectIntegrityError);
    expect((error as Error).message).toContain(`object ${key} is corrupt`);
  });

  it('reads keys that are not content-addressed as stored', async () => {
    await store.put('bundles/req-1/response.pdf', Buffer.from('%PDF-1.7 any bytes'));
    expect(Buffer.from(await store.get('bundles/req-1/response.pdf')).toString()).toBe('%PDF-1.7 any bytes');
  });

  it('fails ping when the root does not exist', async () => {
    await expect(new FilesystemObjectStore(join(rootDir, 'missing')).ping()).rejects.toThrow(/ENOENT/);
  });
});
