import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes `source` to a new file at `path` (which must not exist) and returns how many bytes were written. With
 * `durable`, the file is fsynced before returning, so a crash after a later link or rename cannot leave an empty or
 * torn object behind.
 */
export async function writeStreamToFile(
  source: Readable,
  path: string,
  durable: boolean,
  onChunk?: (chunk: Buffer) => void,
): Promise<number> {
  let byteLength = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      byteLength += chunk.length;
      onChunk?.(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(path, { flags: 'wx' }));
  if (durable) await syncPath(path);
  return byteLength;
}

/** Flushes a file or directory to disk. fsync is per inode, so a fresh descriptor flushes what another one wrote. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What spooling learnt about a stream while copying it. */
export interface SpooledBody {
  byteLength: number;
  /** Hex SHA-256 of the whole stream. */
  sha256: string;
}

/**
 * Copies `source` to a private temp file, runs `use` with its path, size and SHA-256, then deletes it. Used where an
 * upload needs its length and hash up front and the body must not be held in memory.
 */
export async function withSpooledFile<T>(
  source: Readable,
  use: (path: string, spooled: SpooledBody) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), 'verbatim-spool-'));
  try {
    const path = join(directory, 'body');
    const hash = createHash('sha256');
    const byteLength = await writeStreamToFile(source, path, false, (chunk) => hash.update(chunk));
    return await use(path, { byteLength, sha256: hash.digest('hex') });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
