import { constants, type Dirent } from 'node:fs';
import { access, link, mkdir, open, readFile, readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { ObjectNotFoundError } from '@verbatim/core';
import type { ObjectRemoval, ObjectStore, PutOptions, StoredObjectInfo } from '@verbatim/core';
import { ContentTypeSidecars } from './fs.content-type-sidecars';
import { errorCode, removeIfPresent, temporaryPathBeside, writeBytesDurably } from './fs.file-ops';
import { assertIntact, expectedSha256Of, verifiedStream } from './object-integrity';
import { assertValidListPrefix, assertValidObjectKey, compareObjectKeys } from './object-key';
import { syncPath, writeStreamToFile } from './stream-to-file';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** Content types live here, mirroring the key tree; the leading dot keeps the tree out of listings and keys. */
const META_DIR = '.meta';

/** Error codes meaning "no object at this path": missing, or a directory or file standing where a segment should be. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Object store on the local filesystem (the embedded deployment). Each key is a file under `rootDir`; its content
 * type is a JSON sidecar under `rootDir/.meta/`, a hard link to one file per type (see ContentTypeSidecars).
 * Writes go to a temp file beside the target and are hard-linked into place, so readers never see a partial
 * object and an existing object is never replaced.
 */
export class FilesystemObjectStore implements ObjectStore {
  readonly rootDir: string;
  private readonly sidecars: ContentTypeSidecars;

  /** `rootDir` is created on the first write; {@link ping} fails until it exists and is writable. */
  constructor(rootDir: string) {
    this.rootDir = resolve(rootDir);
    this.sidecars = new ContentTypeSidecars(join(this.rootDir, META_DIR));
  }

  /** Stores `body` under `key` unless the key exists; `created` is false when it did. */
  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<{ created: boolean }> {
    const { created } = await this.writeOnce(key, options, (tempPath) => writeBytesDurably(tempPath, body));
    return { created };
  }

  /**
   * Streams `body` to `key`. The stream is always read to its end (so a producer piping into it never stalls), even
   * when the key already exists; `byteLength` counts the bytes read.
   */
  async putStream(
    key: string,
    body: Readable,
    options: PutOptions = {},
  ): Promise<{ created: boolean; byteLength: number }> {
    return this.writeOnce(key, options, (tempPath) => writeStreamToFile(body, tempPath, true));
  }

  /**
   * Reads the whole object; throws `ObjectNotFoundError` when absent, and `ObjectIntegrityError` when a
   * content-addressed object (raw capture, media) no longer hashes to its key, as the S3 store does.
   */
  async get(key: string): Promise<Uint8Array> {
    const handle = await this.openObject(key);
    try {
      const bytes = await handle.readFile();
      assertIntact(key, bytes, expectedSha256Of(key, undefined));
      return bytes;
    } finally {
      await handle.close();
    }
  }

  /**
   * Streams the object; throws `ObjectNotFoundError` when absent (checked before the stream is returned). A
   * content-addressed object is hashed as it streams, and the stream errors with `ObjectIntegrityError` instead
   * of ending if the bytes no longer match the key.
   */
  async getStream(key: string): Promise<Readable> {
    const handle = await this.openObject(key);
    return verifiedStream(key, handle.createReadStream(), expectedSha256Of(key, undefined));
  }

  /** Size from the file itself, content type from its sidecar; null when absent. */
  async head(key: string): Promise<StoredObjectInfo | null> {
    assertValidObjectKey(key);
    const stats = await stat(this.objectPath(key)).catch(nullWhenNotFound);
    if (stats === null || !stats.isFile()) return null;
    return { key, byteLength: stats.size, contentType: await this.readContentType(key) };
  }

  /**
   * Lists keys starting with `prefix` in UTF-8 byte order, walking directories lazily so memory stays flat for large
   * trees. Temp files and sidecars are never listed.
   */
  async *list(prefix: string): AsyncIterable<string> {
    assertValidListPrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    yield* this.walk(prefix.slice(0, slash + 1), prefix.slice(slash + 1));
  }

  /** Unlinks the object and its content-type name; the filesystem has no Object Lock. */
  async remove(key: string): Promise<ObjectRemoval> {
    assertValidObjectKey(key);
    await removeIfPresent(this.objectPath(key));
    await removeIfPresent(this.sidecarPath(key));
    return { removed: true };
  }

  /** Checks the root is a directory this process can write to. */
  async ping(): Promise<void> {
    const stats = await stat(this.rootDir);
    if (!stats.isDirectory()) throw new Error(`object store root ${this.rootDir} is not a directory`);
    await access(this.rootDir, constants.R_OK | constants.W_OK);
  }

  /** Directories this store has made or seen; the store never removes one, so each is made once per process. */
  private readonly knownDirectories = new Set<string>();

  private async ensureDirectory(directory: string): Promise<void> {
    if (this.knownDirectories.has(directory)) return;
    await mkdir(directory, { recursive: true });
    this.knownDirectories.add(directory);
  }

  private async writeOnce(
    key: string,
    options: PutOptions,
    writeTemp: (tempPath: string) => Promise<number>,
  ): Promise<{ created: boolean; byteLength: number }> {
    assertValidObjectKey(key);
    const target = this.objectPath(key);
    await this.ensureDirectory(dirname(target));
    const tempPath = temporaryPathBeside(target);
    try {
      const byteLength = await writeTemp(tempPath);
      const created = await this.linkIntoPlace(key, tempPath, options.contentType ?? DEFAULT_CONTENT_TYPE);
      return { created, byteLength };
    } finally {
      // Linked or not, the temp name goes; on success it is a second name of the stored object.
      await removeIfPresent(tempPath);
    }
  }

  /**
   * `link()` fails with EEXIST instead of replacing, which makes it the write-once guard even against a concurrent
   * writer. The sidecar goes first so a linked object always has its type; it is skipped when the object exists so a
   * repeat put cannot change a stored object's type. (Two first writers racing with different types may leave the
   * loser's type; content-addressed keys make that a non-issue in practice.)
   */
  private async linkIntoPlace(key: string, tempPath: string, contentType: string): Promise<boolean> {
    const target = this.objectPath(key);
    if ((await stat(target).catch(nullWhenNotFound)) !== null) return false;
    await this.writeSidecar(key, contentType);
    try {
      await link(tempPath, target);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
    // The new directory entry is only durable once the directory itself is flushed.
    await syncPath(dirname(target));
    return true;
  }

  /**
   * The sidecar holds only the content type, which the catalog also records, so its name is not flushed: an OS
   * crash can at worst lose a type (head() then answers application/octet-stream), never bytes.
   */
  private async writeSidecar(key: string, contentType: string): Promise<void> {
    const sidecarPath = this.sidecarPath(key);
    await this.ensureDirectory(dirname(sidecarPath));
    await this.sidecars.write(sidecarPath, contentType);
  }

  private async readContentType(key: string): Promise<string> {
    const text = await readFile(this.sidecarPath(key), 'utf8').catch(nullWhenNotFound);
    if (text === null) return DEFAULT_CONTENT_TYPE;
    const parsed: unknown = JSON.parse(text);
    const contentType = (parsed as { contentType?: unknown }).contentType;
    return typeof contentType === 'string' ? contentType : DEFAULT_CONTENT_TYPE;
  }

  /** Opens the object's file, turning "missing" (or a directory in its place) into `ObjectNotFoundError`. */
  private async openObject(key: string): Promise<FileHandle> {
    assertValidObjectKey(key);
    const handle = await open(this.objectPath(key), 'r').catch(nullWhenNotFound);
    if (handle === null) throw new ObjectNotFoundError(key);
    // Opening a directory read-only succeeds on Linux; only a regular file is an object.
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw new ObjectNotFoundError(key);
    }
    return handle;
  }

  /**
   * Yields keys under `directoryKey` (empty or ending in `/`) whose first segment starts with `namePrefix`. A
   * directory sorts as its name plus `/`, which puts its whole subtree exactly where S3's flat key order would.
   */
  private async *walk(directoryKey: string, namePrefix: string): AsyncGenerator<string> {
    const entries = await readdir(join(this.rootDir, directoryKey), { withFileTypes: true }).catch(emptyWhenNotFound);
    const visible = entries
      .filter((entry) => !entry.name.startsWith('.') && entry.name.startsWith(namePrefix))
      .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
      .sort((left, right) => compareObjectKeys(left.sortKey, right.sortKey));
    for (const { entry } of visible) {
      const key = directoryKey + entry.name;
      if (entry.isDirectory()) yield* this.walk(`${key}/`, '');
      else if (entry.isFile()) yield key;
    }
  }

  private objectPath(key: string): string {
    return join(this.rootDir, ...key.split('/'));
  }

  private sidecarPath(key: string): string {
    return `${join(this.rootDir, META_DIR, ...key.split('/'))}.json`;
  }
}

function nullWhenNotFound(error: unknown): null {
  if (NOT_FOUND_CODES.has(errorCode(error) ?? '')) return null;
  throw error;
}

function emptyWhenNotFound(error: unknown): Dirent[] {
  if (NOT_FOUND_CODES.has(errorCode(error) ?? '')) return [];
  throw error;
}
