export { createObjectStore, type CreateObjectStoreOptions, type ObjectStoreSettings } from './create-object-store';
export { FilesystemObjectStore } from './fs.object-store';
// Type-only, so importing this package never loads the S3 adapter; createObjectStore loads it when chosen.
export type { S3ObjectStore, S3ObjectStoreOptions } from './s3.object-store';
export type { BucketProtection, ObjectLockState, RetentionPolicy, VersioningState } from './s3.bucket-protection';
export { ObjectIntegrityError } from './object-integrity';
export type { StorageLogger } from './storage-logger';
export {
  ChecksumModeSchema,
  ObjectLockModeSchema,
  type ObjectLockMode,
  S3SettingsSchema,
  resolveChecksumModes,
  type ChecksumMode,
  type S3Settings,
  type S3SettingsInput,
} from './s3.config';
export { assertValidObjectKey } from './object-key';
