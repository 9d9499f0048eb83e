export { backup, type BackupOptions, type BackupSummary } from './backup';
export { restore, type RestoreSummary } from './restore';
export { BackupInvalidError, readBackupManifest, type BackupManifest } from './backup-manifest';
export { configurationWithoutSecrets } from './configuration-without-secrets';
