import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ObjectNotFoundError, type ObjectStore } from '@verbatim/core';
import { FilesystemObjectStore } from './fs.object-store';
import { createS3ObjectStore } from './s3.object-store';
import { startS3rverProcess } from './s3rver.test-server';

/** One adapter under test, plus a way to read what the backend really stored, bypassing the adapter. */
interface StoreFixture {
  store: ObjectStore;
  readStoredBytes(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

async function openFilesystemFixture(): Promise<StoreFixture> {
  const rootDir = await mkdtemp(join(tmpdir(), 'verbatim-fs-store-'));
  return {
    store: new FilesystemObjectStore(rootDir),
    readStoredBytes: (key) => readFile(join(rootDir, ...key.split('/'))),
    close: () => rm(rootDir, { recursive: true, force: true }),
  };
}

/** A real s3rver on a random loopback port with its own directory, so parallel runs cannot collide. */
async function openS3Fixture(): Promise<StoreFixture> {
  const directory = await mkdtemp(join(tmpdir(), 'verbatim-s3rver-'));
  const server = await startS3rverProcess(directory, ['test-bucket']);
  const { endpoint } = server;
  const store = await createS3ObjectStore(
    {
      endpoint,
      bucket: 'test-bucket',
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    // Tiny pages, so listing exercises continuation tokens; the start-up report is asserted in s3.object-lock.test.ts.
    { listPageSize: 2, logger: { info: () => {}, warn: () => {} } },
  );
  return {
    store,
    // A plain unsigned GET shows the bytes s3rver keeps on disk, with no SDK decoding in between.
    readStoredBytes: async (key) => {
      const response = await fetch(`${endpoint}/test-bucket/${key.split('/').map(encodeURIComponent).join('/')}`);
      if (!response.ok) throw new Error(`raw GET of ${key} answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    close: async () => {
      store.destroy();
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function uniquePrefix(): string {
  return `t-${randomBytes(6).toString('hex')}`;
}

function allByteValues(): Buffer {
  return Buffer.from(Array.from({ length: 256 }, (_, index) => index));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function sha256OfStream(stream: Readable): Promise<{ digest: string; byteLength: number }> {
  const hash = createHash('sha256');
  let byteLength = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    byteLength += (chunk as Buffer).length;
  }
  return { digest: hash.digest('hex'), byteLength };
}

/** ~5 MB of random bytes in uneven chunks, with the digest of the whole. */
function randomChunks(): { chunks: Buffer[]; digest: string; byteLength: number } {
  const chunks = Array.from({ length: 80 }, (_, index) => randomBytes(64 * 1024 + index));
  const whole = Buffer.concat(chunks);
  return { chunks, digest: sha256(whole), byteLength: whole.length };
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const collected: string[] = [];
  for await (const key of keys) collected.push(key);
  return collected;
}

const adapters = [
  { name: 'FilesystemObjectStore', open: openFilesystemFixture },
  { name: 'S3ObjectStore on s3rver', open: openS3Fixture },
];

describe.each(adapters)('ObjectStore conformance: $name', ({ open }) => {
  let fixture: StoreFixture;
  let store: ObjectStore;

  beforeAll(async () => {
    fixture = await open();
    store = fixture.store;
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('removes an object for disposition: gone from reads and listings; removing it again is harmless', async () => {
    const key = 'media/dd/disposed';
    await store.put(key, Buffer.from('disposed bytes'), { contentType: 'image/png' });
    await expect(store.remove(key)).resolves.toEqual({ removed: true });
    await expect(store.head(key)).resolves.toBeNull();
    await expect(store.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    const listed: string[] = [];
    for await (const listedKey of store.list('media/dd/')) listed.push(listedKey);
    expect(listed).toEqual([]);
    await expect(store.remove(key)).resolves.toEqual({ removed: true });
  });

  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it.each([
    ['every byte value 0..255', allByteValues()],
    ['a multi-megabyte random buffer', randomBytes(3 * 1024 * 1024 + 7)],
    ['an empty body', Buffer.alloc(0)],
  ])('stores %s verbatim', async (_label, bytes) => {
    const key = `${uniquePrefix()}/object.bin`;
    await expect(store.put(key, bytes)).resolves.toEqual({ created: true });
    expect(Buffer.from(await store.get(key)).equals(bytes)).toBe(true);
    // What the backend holds, read without the adapter: no aws-chunked framing, no trailer, no re-encoding.
    expect(sha256(await fixture.readStoredBytes(key))).toBe(sha256(bytes));
  });

  it('never overwrites: a second put reports created:false and keeps the first bytes and type', async () => {
    const key = `${uniquePrefix()}/once`;
    const first = Buffer.from('first version');
    await store.put(key, first, { contentType: 'text/plain' });
    await expect(store.put(key, Buffer.from('second!'), { contentType: 'application/json' })).resolves.toEqual({
      created: false,
    });
    expect(Buffer.from(await store.get(key)).equals(first)).toBe(true);
    expect(await store.head(key)).toEqual({ key, byteLength: first.length, contentType: 'text/plain' });
  });

  it('streams ~5 MB in and out unchanged', async () => {
    const key = `${uniquePrefix()}/bundle.pdf`;
    const { chunks, digest, byteLength } = randomChunks();
    const result = await store.putStream(key, Readable.from(chunks), { contentType: 'application/pdf' });
    expect(result).toEqual({ created: true, byteLength });
    await expect(sha256OfStream(await store.getStream(key))).resolves.toEqual({ digest, byteLength });
    expect(sha256(await fixture.readStoredBytes(key))).toBe(digest);
    expect(await store.head(key)).toEqual({ key, byteLength, contentType: 'application/pdf' });
  });

  it('reads a repeated putStream to its end but keeps the stored bytes', async () => {
    const key = `${uniquePrefix()}/streamed`;
    const original = randomBytes(10_000);
    await store.putStream(key, Readable.from([original]));
    const repeat = await store.putStream(key, Readable.from([Buffer.from('other bytes')]));
    expect(repeat).toEqual({ created: false, byteLength: 11 });
    expect(Buffer.from(await store.get(key)).equals(original)).toBe(true);
  });

  it('leaves nothing behind when the stream fails midway', async () => {
    const prefix = uniquePrefix();
    const key = `${prefix}/broken`;
    let sentFirstChunk = false;
    // Fails only once read, like a dropped upload: some bytes arrive, then the source errors.
    const failing = new Readable({
      read() {
        if (sentFirstChunk) this.destroy(new Error('connection reset'));
        else this.push(randomBytes(100_000));
        sentFirstChunk = true;
      },
    });
    await expect(store.putStream(key, failing)).rejects.toThrow('connection reset');
    expect(await store.head(key)).toBeNull();
    expect(await collect(store.list(`${prefix}/`))).toEqual([]);
  });

  it('heads size and type, defaulting the type, and null when absent', async () => {
    const prefix = uniquePrefix();
    await store.put(`${prefix}/typed`, Buffer.from('{"a":1}'), { contentType: 'application/json' });
    await store.put(`${prefix}/untyped`, allByteValues());
    expect(await store.head(`${prefix}/typed`)).toEqual({
      key: `${prefix}/typed`,
      byteLength: 7,
      contentType: 'application/json',
    });
    expect(await store.head(`${prefix}/untyped`)).toEqual({
      key: `${prefix}/untyped`,
      byteLength: 256,
      contentType: 'application/octet-stream',
    });
    expect(await store.head(`${prefix}/absent`)).toBeNull();
    // A "directory" in the filesystem store is not an object.
    expect(await store.head(prefix)).toBeNull();
  });

  it('rejects get and getStream of a missing key with ObjectNotFoundError', async () => {
    const key = `${uniquePrefix()}/missing`;
    await expect(store.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getStream(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.get(key)).rejects.toMatchObject({ key });
  });

  it('lists keys under a prefix in key order, across pages, and nothing else', async () => {
    const prefix = uniquePrefix();
    const inside = [`${prefix}/c/d`, `${prefix}/ab`, `${prefix}/a/z`, `${prefix}/b`, `${prefix}/a/y/1`];
    for (const key of [...inside, `${prefix}x/outside`, prefix.slice(0, -1)]) {
      await store.put(key, Buffer.from(key));
    }
    expect(await collect(store.list(`${prefix}/`))).toEqual([
      `${prefix}/a/y/1`,
      `${prefix}/a/z`,
      `${prefix}/ab`,
      `${prefix}/b`,
      `${prefix}/c/d`,
    ]);
    // A prefix may end mid-segment.
    expect(await collect(store.list(`${prefix}/a`))).toEqual([`${prefix}/a/y/1`, `${prefix}/a/z`, `${prefix}/ab`]);
    expect(await collect(store.list(`${prefix}/a/`))).toEqual([`${prefix}/a/y/1`, `${prefix}/a/z`]);
    expect(await collect(store.list(`${prefix}/nothing-here/`))).toEqual([]);
    const everything = await collect(store.list(''));
    expect(everything).toEqual(expect.arrayContaining([...inside, `${prefix}x/outside`]));
    expect(everything.some((key) => key.split('/').some((segment) => segment.startsWith('.')))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['absolute', '/etc/passwd'],
    ['parent segment', 'raw/../../escape'],
    ['only ..', '..'],
    ['backslash', 'raw\\ab'],
    ['NUL', 'raw/a\0b'],
    ['empty segment', 'raw//ab'],
    ['trailing slash', 'raw/ab/'],
    ['reserved dot segment', '.meta/raw/ab'],
  ])('rejects an invalid key (%s)', async (_label, key) => {
    await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid object key/);
    await expect(store.putStream(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/invalid object key/);
    await expect(store.get(key)).rejects.toThrow(/invalid object key/);
    await expect(store.head(key)).rejects.toThrow(/invalid object key/);
  });

  it('rejects a list prefix that climbs out of the store', async () => {
    await expect(collect(store.list('../'))).rejects.toThrow(/invalid object key/);
  });
});
