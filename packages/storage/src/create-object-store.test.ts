import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjectStore } from './create-object-store';
import { FilesystemObjectStore } from './fs.object-store';
import { resolveChecksumModes, S3SettingsSchema } from './s3.config';
import type { S3ObjectStore } from './s3.object-store';
import { startS3rverProcess } from './s3rver.test-server';

describe('createObjectStore', () => {
  let scratch: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'verbatim-create-store-'));
  });

  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('builds a filesystem store and creates its root', async () => {
    const store = await createObjectStore({ backend: 'fs', rootDir: join(scratch, 'data', 'objects') });
    expect(store).toBeInstanceOf(FilesystemObjectStore);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('never loads the AWS SDK when the filesystem is chosen', async () => {
    jest.doMock('@aws-sdk/client-s3', () => {
      throw new Error('the AWS SDK was loaded');
    });
    try {
      await jest.isolateModulesAsync(async () => {
        const storage = await import('./index');
        const store = await storage.createObjectStore({ backend: 'fs', rootDir: scratch });
        await store.put('a/b', Buffer.from('x'));
      });
    } finally {
      jest.dontMock('@aws-sdk/client-s3');
    }
  });

  it('builds an S3 store and creates a missing bucket when asked', async () => {
    const server = await startS3rverProcess(scratch, []);
    let store: S3ObjectStore | undefined;
    const logged: string[] = [];
    const logger = { info: (_details: object, message: string) => logged.push(message), warn: () => {} };
    try {
      store = (await createObjectStore(
        {
          backend: 's3',
          endpoint: server.endpoint,
          bucket: 'created-at-start',
          forcePathStyle: true,
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
          createBucketIfMissing: true,
        },
        { logger },
      )) as S3ObjectStore;
      expect(logged).toEqual([expect.stringMatching(/^S3 bucket created-at-start: versioning/)]);
      await expect(store.ping()).resolves.toBeUndefined();
      await expect(store.ensureBucket()).resolves.toBeUndefined();
      await expect(store.put('a/b', Buffer.from('x'))).resolves.toEqual({ created: true });
    } finally {
      store?.destroy();
      await server.stop();
    }
  });
});

describe('S3SettingsSchema', () => {
  it('defaults checksums to WHEN_REQUIRED for a custom endpoint and leaves AWS on the SDK default', () => {
    const custom = S3SettingsSchema.parse({ endpoint: 'http://127.0.0.1:9000', bucket: 'archive' });
    expect(resolveChecksumModes(custom)).toEqual({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const aws = S3SettingsSchema.parse({ bucket: 'archive', requestChecksumCalculation: 'WHEN_REQUIRED' });
    expect(resolveChecksumModes(aws)).toEqual({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_SUPPORTED',
    });
  });

  it('defaults to 16 MiB parts and no retention, and refuses parts smaller than S3 allows', () => {
    const settings = S3SettingsSchema.parse({ bucket: 'archive' });
    expect(settings).toMatchObject({ multipartPartSizeBytes: 16 * 1024 * 1024, objectLockMode: 'GOVERNANCE' });
    expect(settings.objectLockRetentionDays).toBeUndefined();
    expect(() => S3SettingsSchema.parse({ bucket: 'archive', multipartPartSizeBytes: 1024 * 1024 })).toThrow(
      /multipartPartSizeBytes/,
    );
  });

  it('refuses an unknown setting rather than ignoring it', () => {
    expect(() => S3SettingsSchema.parse({ bucket: 'archive', checksums: 'WHEN_SUPPORTED' })).toThrow(/checksums/);
  });

  it('refuses half a credential pair', () => {
    expect(() => S3SettingsSchema.parse({ bucket: 'archive', accessKeyId: 'only-one' })).toThrow(
      /both accessKeyId and secretAccessKey/,
    );
  });
});
