import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '@verbatim/config';
import { ObjectIntegrityError, ObjectNotFoundError, type ObjectStore } from '@verbatim/core';
import { dumpPostgresCatalog, snapshotSqliteCatalog } from '@verbatim/catalog';
import { createObjectStore } from '@verbatim/storage';
import {
  BACKUP_FORMAT,
  MANIFEST_FILE,
  sha256OfFile,
  type BackedUpFile,
  type BackupManifest,
  type ProgressReporter,
} from './backup-manifest';
import { configurationWithoutSecrets } from './configuration-without-secrets';

export interface BackupOptions {
  report?: ProgressReporter;
  /** The public signing key (PEM), kept so bundles stay checkable after a restore. */
  signingPublicKeyPem?: string;
  now?: () => Date;
}

export interface BackupSummary {
  directory: string;
  files: number;
  objects: number;
  bytes: number;
  /** Objects listed by the store that could not be read back intact (named; the rest of the backup is whole). */
  unreadableObjects: Array<{ key: string; problem: string }>;
}

const OBJECT_PROGRESS_EVERY = 500;

/**
 * Backs up a running installation into `directory` (absent or empty): a consistent snapshot of the catalog, every
 * object of the store, the configuration without secrets, and `manifest.json`, written last, with the SHA-256 of
 * each file. Objects are immutable and content-addressed, so copying them after the catalog's snapshot yields every
 * object that snapshot references (and perhaps a few newer ones, harmless). The search index is not copied: it is
 * derived, and rebuilt from the restored catalog at the first start.
 */
export async function backup(
  config: Readonly<AppConfig>,
  directory: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const report = options.report ?? (() => undefined);
  await ensureEmptyDirectory(directory, 'back up into');
  const files: BackedUpFile[] = [];
  const catalogFile = config.catalog.backend === 'sqlite' ? 'catalog.sqlite' : 'catalog.pgdump';
  report(`catalog (${config.catalog.backend}): taking a consistent snapshot`);
  if (config.catalog.backend === 'sqlite')
    await snapshotSqliteCatalog(config.catalog.file, path.join(directory, catalogFile));
  else
    await dumpPostgresCatalog(
      config.catalog.connectionString,
      config.catalog.schema,
      path.join(directory, catalogFile),
    );
  files.push({ path: catalogFile, ...(await sha256OfFile(path.join(directory, catalogFile))) });
  report(`catalog: ${files[0].bytes} bytes`);

  const objectStore = await createObjectStore(config.storage);
  const unreadableObjects: BackupSummary['unreadableObjects'] = [];
  let objects = 0;
  for await (const key of objectStore.list('')) {
    try {
      files.push(await copyObject(objectStore, key, directory));
      objects += 1;
      if (objects % OBJECT_PROGRESS_EVERY === 0) report(`objects: ${objects} copied`);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError || error instanceof ObjectIntegrityError)) throw error;
      // Removed since listed (a disposal), or no longer matching its hash: named, never copied as if sound.
      unreadableObjects.push({ key, problem: error.message });
      report(`objects: ${key} could not be copied: ${error.message}`);
    }
  }
  report(`objects: ${objects} copied`);

  await writeFile(
    path.join(directory, 'configuration.json'),
    `${JSON.stringify(configurationWithoutSecrets(config), null, 2)}\n`,
  );
  files.push({ path: 'configuration.json', ...(await sha256OfFile(path.join(directory, 'configuration.json'))) });
  if (options.signingPublicKeyPem) {
    await writeFile(path.join(directory, 'town-signing-key.pub.pem'), options.signingPublicKeyPem);
    files.push({
      path: 'town-signing-key.pub.pem',
      ...(await sha256OfFile(path.join(directory, 'town-signing-key.pub.pem'))),
    });
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    catalog: {
      backend: config.catalog.backend,
      file: catalogFile,
      schema: config.catalog.backend === 'postgres' ? config.catalog.schema : undefined,
    },
    storage: { backend: config.storage.backend, objects },
    searchIndex: {
      included: false,
      rebuild:
        'derived from the catalog: rebuilt at the first start of a process with the index role (or npm run reindex)',
    },
    configuration: 'configuration.json',
    signingPublicKey: options.signingPublicKeyPem ? 'town-signing-key.pub.pem' : undefined,
    files,
  };
  await writeFile(path.join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  report(`backup complete: ${files.length} files, ${objects} objects, ${bytes} bytes in ${directory}`);
  return { directory, files: files.length, objects, bytes, unreadableObjects };
}

/** Streams one object into `objects/<key>`, hashing it on the way. */
async function copyObject(objectStore: ObjectStore, key: string, directory: string): Promise<BackedUpFile> {
  const relative = path.join('objects', key);
  const target = path.join(directory, relative);
  await mkdir(path.dirname(target), { recursive: true });
  const info = await objectStore.head(key);
  const hash = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(await objectStore.getStream(key), hashing, createWriteStream(target, { flags: 'wx' }));
  return {
    path: relative.split(path.sep).join('/'),
    sha256: hash.digest('hex'),
    bytes,
    key,
    contentType: info?.contentType,
  };
}

/** Backups and restores never mix with what a directory already holds. */
export async function ensureEmptyDirectory(directory: string, purpose: string): Promise<void> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0)
    throw new Error(
      `${directory} is not empty: ${purpose} an empty or new directory (it holds ${entries.slice(0, 3).join(', ')})`,
    );
  await mkdir(directory, { recursive: true });
}
