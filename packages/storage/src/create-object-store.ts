import { mkdir } from 'node:fs/promises';
import type { ObjectStore } from '@verbatim/core';
import { FilesystemObjectStore } from './fs.object-store';
import type { S3SettingsInput } from './s3.config';
import type { StorageLogger } from './storage-logger';

/** Which object store to use, and its settings. The config package builds this from `STORAGE_BACKEND` and friends. */
export type ObjectStoreSettings = { backend: 'fs'; rootDir: string } | ({ backend: 's3' } & S3SettingsInput);

export interface CreateObjectStoreOptions {
  /** Receives what the store reports at start (the S3 bucket's versioning and Object Lock); stdout when omitted. */
  logger?: StorageLogger;
}

/**
 * The one place an object store adapter is chosen. The filesystem store gets its root directory created; the S3
 * module (and with it the AWS SDK) is loaded only when S3 is chosen, and reads its bucket's protection settings.
 * Call `ping()` at start to fail fast when the store does not answer.
 */
export async function createObjectStore(
  settings: ObjectStoreSettings,
  options: CreateObjectStoreOptions = {},
): Promise<ObjectStore> {
  switch (settings.backend) {
    case 'fs': {
      await mkdir(settings.rootDir, { recursive: true });
      return new FilesystemObjectStore(settings.rootDir);
    }
    case 's3': {
      const { backend: _backend, ...s3Settings } = settings;
      const { createS3ObjectStore } = await import('./s3.object-store');
      return createS3ObjectStore(s3Settings, { logger: options.logger });
    }
  }
}
