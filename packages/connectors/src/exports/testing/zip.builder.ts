import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Writes a ZIP of the given files (path inside the ZIP → contents), for export fixtures. */
export async function writeZip(filePath: string, files: Record<string, string | Buffer>): Promise<void> {
  const zip = new ZipFile();
  const out = zip.outputStream.pipe(createWriteStream(filePath));
  for (const [name, contents] of Object.entries(files))
    zip.addBuffer(typeof contents === 'string' ? Buffer.from(contents) : contents, name);
  zip.end();
  await finished(out);
}
