import { mkdir } from 'node:fs/promises';
import type { ObjectStore } from '@verbatim/core';
import { FilesystemObjectStore } from './fs.object-store';
import type { S3SettingsInput } from './s3.config';

/** Which object store to use, and its settings. The config package builds this from `STORAGE_BACKEND` and friends. */
export type ObjectStoreSettings = { backend: 'fs'; rootDir: string } | ({ backend: 's3' } & S3SettingsInput);

/**
 * The one place an object store adapter is chosen. The filesystem store gets its root directory created; the S3
 * module (and with it the AWS SDK) is loaded only when S3 is chosen. Neither is contacted here beyond that: call
 * `ping()` at start to fail fast when the store does not answer.
 */
export async function createObjectStore(settings: ObjectStoreSettings): Promise<ObjectStore> {
  switch (settings.backend) {
    case 'fs': {
      await mkdir(settings.rootDir, { recursive: true });
      return new FilesystemObjectStore(settings.rootDir);
    }
    case 's3': {
      const { backend: _backend, ...s3Settings } = settings;
      const { createS3ObjectStore } = await import('./s3.object-store');
      return createS3ObjectStore(s3Settings);
    }
  }
}
