/** S3's own limit; keeping it for every backend lets a store move between backends without renaming. */
const MAX_KEY_BYTES = 1024;

/**
 * Rejects keys that could escape the store's root or that differ between backends. Both adapters call this, so a key
 * accepted by one is accepted by the other. Segments starting with `.` are reserved: the filesystem store keeps its
 * temp files and content-type sidecars under such names, and listing skips them.
 */
export function assertValidObjectKey(key: string): void {
  const problem = findObjectKeyProblem(key);
  if (problem !== null) {
    throw new Error(`invalid object key ${JSON.stringify(key)}: ${problem}`);
  }
}

function findObjectKeyProblem(key: string): string | null {
  if (key.length === 0) return 'it is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `it is longer than ${MAX_KEY_BYTES} bytes`;
  if (key.includes('\0')) return 'it contains a NUL character';
  if (key.includes('\\')) return 'it contains a backslash; use / between segments';
  if (key.startsWith('/')) return 'it is absolute; keys are relative paths';
  for (const segment of key.split('/')) {
    if (segment === '') return 'it has an empty segment (a doubled or trailing /)';
    if (segment === '..' || segment === '.') return `it has a "${segment}" segment`;
    if (segment.startsWith('.')) return 'a segment starts with ".", which is reserved for the store itself';
  }
  return null;
}

/**
 * Orders keys by their UTF-8 bytes, the order S3 lists in, so both adapters list identically even for keys outside
 * ASCII (JavaScript's default sort compares UTF-16 code units, which disagrees for some characters).
 */
export function compareObjectKeys(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

/**
 * A list prefix may end mid-segment (`raw/a` matches `raw/ab/…`), but the part before its last `/` must be a valid
 * key, so a prefix can never point outside the store.
 */
export function assertValidListPrefix(prefix: string): void {
  const directoryPart = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  if (directoryPart !== '') assertValidObjectKey(directoryPart.slice(0, -1));
  if (prefix.includes('\0') || prefix.includes('\\')) {
    throw new Error(`invalid list prefix ${JSON.stringify(prefix)}: it contains a NUL character or a backslash`);
  }
}
