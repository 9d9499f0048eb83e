import { randomBytes } from 'node:crypto';
import { link, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode, removeIfPresent, temporaryPathBeside, writeBytesDurably } from './fs.file-ops';

/** Under the sidecar tree, where no key's sidecar can land: key segments never start with a dot. */
const SHARED_DIR = '.shared';
/** The shared file must be made anew: it has all the names the filesystem allows (65,000 on ext4), or is gone. */
const RENEW_CODES = new Set(['EMLINK', 'ENOENT']);

/**
 * Writes the filesystem store's content-type sidecars. Every sidecar of one content type is a hard link to one
 * shared file holding that type, so a put makes one new file (the object) instead of two: half the inodes, which
 * an archive of millions of small objects can run out of before it runs out of space, and half the file
 * creations. Those are cheap on most systems (~20 µs of kernel CPU), but on an ext4 without a journal, for up to
 * six minutes after many files were deleted, each costs up to ~0.6 ms while a link stays under 20 µs. Readers
 * see an ordinary file either way, and sidecars written before this (one file each) read the same. Nothing
 * rewrites a sidecar in place (each is replaced by rename), so sharing an inode never lets one object's type
 * change another's.
 */
export class ContentTypeSidecars {
  /** Shared file per content type, made by this process; other processes make their own. */
  private readonly sharedFiles = new Map<string, string>();

  constructor(private readonly metaDir: string) {}

  /** Makes `sidecarPath` (whose directory exists) hold `contentType`, replacing any sidecar already there. */
  async write(sidecarPath: string, contentType: string): Promise<void> {
    try {
      await this.linkShared(contentType, sidecarPath);
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    // A sidecar is there already, left by a put that failed before linking its object: replace it.
    const tempPath = temporaryPathBeside(sidecarPath);
    try {
      await this.linkShared(contentType, tempPath);
      await rename(tempPath, sidecarPath);
    } finally {
      // rename does nothing when both names already link to one file, which leaves the temp name behind.
      await removeIfPresent(tempPath);
    }
  }

  private async linkShared(contentType: string, path: string): Promise<void> {
    const shared = this.sharedFiles.get(contentType);
    if (shared !== undefined) {
      try {
        await link(shared, path);
        return;
      } catch (error) {
        if (!RENEW_CODES.has(errorCode(error) ?? '')) throw error;
      }
    }
    await link(await this.makeShared(contentType), path);
  }

  /** Flushed, unlike the sidecars of old: a torn shared file would fail head() for every object linked to it. */
  private async makeShared(contentType: string): Promise<string> {
    const directory = join(this.metaDir, SHARED_DIR);
    await mkdir(directory, { recursive: true });
    const path = join(directory, `${randomBytes(8).toString('hex')}.json`);
    await writeBytesDurably(path, Buffer.from(JSON.stringify({ contentType })));
    this.sharedFiles.set(contentType, path);
    return path;
  }
}
