import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const BACKUP_FORMAT = 'verbatim-backup/1';
export const MANIFEST_FILE = 'manifest.json';

/** One file of a backup, by its path inside the backup directory. */
export interface BackedUpFile {
  path: string;
  sha256: string;
  bytes: number;
  /** For objects: the object store key and content type it is restored under. */
  key?: string;
  contentType?: string;
}

/** What `manifest.json` says: what was backed up, from where, and the hash of every file. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  /** `schema`: the PostgreSQL schema the dump creates (a restore puts it back under the same name). */
  catalog: { backend: 'sqlite' | 'postgres'; file: string; schema?: string };
  storage: { backend: 'fs' | 's3'; objects: number };
  /** The index is derived from the catalog: it is not copied, and is rebuilt from the restored catalog. */
  searchIndex: { included: false; rebuild: string };
  configuration: string;
  /** The public half of the signing key; the private key is a secret and never in a backup. */
  signingPublicKey?: string;
  files: BackedUpFile[];
}

/** Progress lines of a backup or a restore, for a person watching the command. */
export type ProgressReporter = (line: string) => void;

export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function sha256OfStream(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

export class BackupInvalidError extends Error {
  override readonly name = 'BackupInvalidError';
}

export async function readBackupManifest(directory: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(directory, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new BackupInvalidError(`${path.join(directory, MANIFEST_FILE)} cannot be read: ${(error as Error).message}`);
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.files))
    throw new BackupInvalidError(`${directory} is not a Verbatim backup (${BACKUP_FORMAT})`);
  for (const file of manifest.files) {
    const resolved = path.resolve(directory, file.path);
    if (!resolved.startsWith(path.resolve(directory) + path.sep))
      throw new BackupInvalidError(`the manifest names a file outside the backup: ${file.path}`);
  }
  return manifest;
}
