import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Writes a ZIP of files (streamed from disk, never held in memory). Every entry carries the same timestamp
 * (the bundle's production time), so the same files always give the same ZIP bytes.
 */
export async function writeZip(
  target: string,
  entries: Array<{ name: string; file: string }>,
  mtime: Date,
): Promise<void> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addFile(entry.file, entry.name, { mtime, mode: 0o100644 });
  zip.end();
  const output = createWriteStream(target);
  zip.outputStream.pipe(output);
  await finished(output);
}
