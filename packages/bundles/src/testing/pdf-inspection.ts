import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Reads rendered PDFs back with real parsers: poppler (pdftotext, pdfinfo, pdffonts), qpdf and pdf.js, each in a
 * child process the caller awaits. None blocks the event loop: the end-to-end tests serve HTTP from the same
 * process, and a loop blocked past the server's keep-alive timeout hands the next request a closed connection.
 * `npm test` installs the Debian packages poppler-utils and qpdf when they are missing (test/support/prepare-machine.ts).
 */

const execFileAsync = promisify(execFile);

async function run(command: string, args: string[]): Promise<string> {
  try {
    return (await execFileAsync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${command} is not installed: the bundle tests need the Debian packages poppler-utils and qpdf`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Text of each page, via pdftotext (pages are separated by form feeds). Bidi controls poppler adds are removed. */
export async function popplerPageTexts(file: string): Promise<string[]> {
  const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  return text.split('\f').slice(0, -1);
}

export async function popplerPageCount(file: string): Promise<number> {
  return Number(/^Pages:\s+(\d+)/m.exec(await run('pdfinfo', [file]))![1]);
}

/** Each font's name and whether it is embedded, per pdffonts. */
export async function popplerFonts(file: string): Promise<Array<{ name: string; embedded: boolean }>> {
  return (await run('pdffonts', [file]))
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      return { name: columns[0], embedded: columns[columns.length - 5] === 'yes' };
    });
}

/** qpdf's structural check: exit status and its report. */
export async function qpdfCheck(file: string): Promise<{ ok: boolean; report: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { ok: true, report: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    // A number is qpdf's own exit status; anything else (ENOENT) means it did not run.
    if (typeof failed.code !== 'number') throw error;
    return { ok: false, report: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The whole file with every stream decompressed (qpdf QDF mode), to search inside compressed content. */
export async function uncompressed(file: string, outputDirectory: string): Promise<Buffer> {
  const out = path.join(outputDirectory, `${path.basename(file)}.qdf`);
  await run('qpdf', ['--qdf', '--object-streams=disable', '--stream-data=uncompress', file, out]);
  return readFile(out);
}

/** The decompressed content streams of every page, from a QDF file. */
export function pageContentStreams(qdf: Buffer): string[] {
  return qdf
    .toString('latin1')
    .split('%% Contents for page')
    .slice(1)
    .map((part) => {
      const start = part.indexOf('stream\n') + 'stream\n'.length;
      return part.slice(start, part.indexOf('\nendstream', start));
    });
}

/** The document catalog as qpdf's JSON sees it, with its direct entries' references resolved one level. */
export async function qpdfCatalog(file: string): Promise<Record<string, unknown>> {
  const json = JSON.parse(await run('qpdf', ['--json=2', '--json-key=qpdf', file])) as {
    qpdf: [unknown, Record<string, { value: unknown }>];
  };
  const objects = json.qpdf[1];
  const resolve = (value: unknown) =>
    typeof value === 'string' && /^\d+ 0 R$/.test(value) ? objects[`obj:${value}`].value : value;
  const catalog = resolve(
    objects.trailer.value && (objects.trailer.value as Record<string, unknown>)['/Root'],
  ) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [key, key === '/StructTreeRoot' ? value : resolve(value)]),
  );
}

export interface PdfjsReport {
  numPages: number;
  info: Record<string, unknown>;
  markInfo: { Marked?: boolean } | null;
  pages: Array<{ text: string; roles: Record<string, number>; alts: string[] }>;
}

/** Parses the file with pdf.js in a child process (pdf.js 5 is ESM-only; jest runs CommonJS). */
export async function pdfjsInspect(file: string): Promise<PdfjsReport> {
  return JSON.parse(await run(process.execPath, [path.join(__dirname, 'pdfjs-inspect.mjs'), file])) as PdfjsReport;
}

/** Does `haystack` contain `needle` as UTF-8, UTF-16BE (PDF text strings) or UTF-16LE? */
export function containsInAnyEncoding(haystack: Buffer, needle: string): boolean {
  const utf16be = Buffer.from(needle, 'utf16le').swap16();
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), utf16be].some((bytes) =>
    haystack.includes(bytes),
  );
}
