export { createObjectStore, type ObjectStoreSettings } from './create-object-store';
export { FilesystemObjectStore } from './fs.object-store';
// Type-only, so importing this package never loads the S3 adapter; createObjectStore loads it when chosen.
export type { S3ObjectStore, S3ObjectStoreOptions } from './s3.object-store';
export {
  ChecksumModeSchema,
  S3SettingsSchema,
  resolveChecksumModes,
  type ChecksumMode,
  type S3Settings,
  type S3SettingsInput,
} from './s3.config';
export { assertValidObjectKey } from './object-key';
