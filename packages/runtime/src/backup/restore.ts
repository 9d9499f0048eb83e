import { createReadStream } from 'node:fs';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '@verbatim/config';
import { restorePostgresCatalog } from '@verbatim/catalog';
import { createObjectStore } from '@verbatim/storage';
import {
  BackupInvalidError,
  readBackupManifest,
  sha256OfFile,
  sha256OfStream,
  type BackedUpFile,
  type ProgressReporter,
} from './backup-manifest';
import { ensureEmptyDirectory } from './backup';

export interface RestoreSummary {
  catalog: string;
  objects: number;
  bytes: number;
  /** Every file of the backup matched its manifest hash, and every restored object reads back with that hash. */
  verified: true;
  searchIndex: string;
}

const OBJECT_PROGRESS_EVERY = 500;

/**
 * Restores a backup into a fresh installation (an empty or new DATA_DIR; an empty bucket and an empty PostgreSQL
 * schema for the scale-out deployment): first checks every file against the manifest, refusing a backup with any
 * file altered or missing (naming each), then restores the catalog and the objects and reads each back to verify
 * it. The search index is rebuilt from the catalog at the first start.
 */
export async function restore(
  config: Readonly<AppConfig>,
  directory: string,
  options: { report?: ProgressReporter } = {},
): Promise<RestoreSummary> {
  const report = options.report ?? (() => undefined);
  const manifest = await readBackupManifest(directory);
  report(`backup of ${manifest.createdAt}: checking ${manifest.files.length} files against the manifest`);
  await checkFiles(directory, manifest.files, report);
  if (manifest.catalog.backend !== config.catalog.backend)
    throw new BackupInvalidError(
      `the backup holds a ${manifest.catalog.backend} catalog; set CATALOG_BACKEND=${manifest.catalog.backend} to restore it`,
    );
  if (config.catalog.backend === 'postgres' && manifest.catalog.schema !== config.catalog.schema)
    throw new BackupInvalidError(
      `the backup's catalog is the PostgreSQL schema ${manifest.catalog.schema}; set DATABASE_SCHEMA=${manifest.catalog.schema} (in an empty database) to restore it`,
    );
  await ensureEmptyDirectory(config.dataDir, 'restore into');
  const objectStore = await createObjectStore(config.storage);
  for await (const key of objectStore.list(''))
    throw new Error(`the object store already holds objects (${key}): restore into an empty one`);

  const catalogEntry = manifest.files.find((file) => file.path === manifest.catalog.file)!;
  report(`catalog: restoring ${manifest.catalog.file}`);
  if (config.catalog.backend === 'sqlite') {
    await mkdir(path.dirname(config.catalog.file), { recursive: true });
    await copyFile(path.join(directory, catalogEntry.path), config.catalog.file);
    if ((await sha256OfFile(config.catalog.file)).sha256 !== catalogEntry.sha256)
      throw new Error(`the restored catalog ${config.catalog.file} does not match the manifest`);
  } else {
    await restorePostgresCatalog(
      config.catalog.connectionString,
      config.catalog.schema,
      path.join(directory, catalogEntry.path),
    );
  }

  const objects = manifest.files.filter((file) => file.key !== undefined);
  let restored = 0;
  for (const file of objects) {
    await objectStore.putStream(file.key!, createReadStream(path.join(directory, file.path)), {
      contentType: file.contentType,
    });
    if ((await sha256OfStream(await objectStore.getStream(file.key!))) !== file.sha256)
      throw new Error(`the restored object ${file.key} does not read back with its manifest hash`);
    restored += 1;
    if (restored % OBJECT_PROGRESS_EVERY === 0)
      report(`objects: ${restored} of ${objects.length} restored and verified`);
  }
  report(`objects: ${restored} of ${objects.length} restored and verified`);
  const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  report(
    `restore complete and verified: the catalog and ${restored} objects; the search index is rebuilt at the first start`,
  );
  return {
    catalog: manifest.catalog.file,
    objects: restored,
    bytes,
    verified: true,
    searchIndex: manifest.searchIndex.rebuild,
  };
}

/** Every file present with its manifest hash; a backup with any file altered or missing is refused, naming them. */
async function checkFiles(directory: string, files: BackedUpFile[], report: ProgressReporter): Promise<void> {
  const problems: string[] = [];
  let checked = 0;
  for (const file of files) {
    const location = path.join(directory, file.path);
    const present = await stat(location).catch(() => null);
    if (!present) problems.push(`${file.path} is missing`);
    else if ((await sha256OfFile(location)).sha256 !== file.sha256)
      problems.push(`${file.path} is altered (its SHA-256 is not the manifest's)`);
    checked += 1;
    if (checked % OBJECT_PROGRESS_EVERY === 0) report(`checked ${checked} of ${files.length} files`);
  }
  if (problems.length > 0)
    throw new BackupInvalidError(
      `the backup in ${directory} fails its manifest, nothing was restored: ${problems.join('; ')}`,
    );
  report(`every file matches the manifest`);
}
