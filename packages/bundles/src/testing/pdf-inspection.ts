import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads rendered PDFs back with real parsers: poppler (pdftotext, pdfinfo, pdffonts), qpdf and pdf.js.
 * CI needs the Debian packages poppler-utils and qpdf.
 */

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${command} is not installed: the bundle tests need the Debian packages poppler-utils and qpdf`, { cause: error });
    }
    throw error;
  }
}

/** Text of each page, via pdftotext (pages are separated by form feeds). Bidi controls poppler adds are removed. */
export function popplerPageTexts(file: string): string[] {
  const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  return text.split('\f').slice(0, -1);
}

export function popplerPageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))![1]);
}

/** Each font's name and whether it is embedded, per pdffonts. */
export function popplerFonts(file: string): Array<{ name: string; embedded: boolean }> {
  return run('pdffonts', [file]).split('\n').slice(2).filter(Boolean).map((line) => {
    const columns = line.trim().split(/\s+/);
    return { name: columns[0], embedded: columns[columns.length - 5] === 'yes' };
  });
}

/** qpdf's structural check: exit status and its report. */
export function qpdfCheck(file: string): { ok: boolean; report: string } {
  const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: result.status === 0, report: `${result.stdout}${result.stderr}` };
}

/** The whole file with every stream decompressed (qpdf QDF mode), to search inside compressed content. */
export function uncompressed(file: string, outputDirectory: string): Buffer {
  const out = path.join(outputDirectory, `${path.basename(file)}.qdf`);
  run('qpdf', ['--qdf', '--object-streams=disable', '--stream-data=uncompress', file, out]);
  return readFileSync(out);
}

/** The decompressed content streams of every page, from a QDF file. */
export function pageContentStreams(qdf: Buffer): string[] {
  return qdf.toString('latin1').split('%% Contents for page').slice(1).map((part) => {
    const start = part.indexOf('stream\n') + 'stream\n'.length;
    return part.slice(start, part.indexOf('\nendstream', start));
  });
}

/** The document catalog as qpdf's JSON sees it, with its direct entries' references resolved one level. */
export function qpdfCatalog(file: string): Record<string, unknown> {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value: unknown }>] };
  const objects = json.qpdf[1];
  const resolve = (value: unknown) => (typeof value === 'string' && /^\d+ 0 R$/.test(value) ? objects[`obj:${value}`].value : value);
  const catalog = resolve(objects.trailer.value && (objects.trailer.value as Record<string, unknown>)['/Root']) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(catalog).map(([key, value]) => [key, key === '/StructTreeRoot' ? value : resolve(value)]));
}

export interface PdfjsReport {
  numPages: number;
  info: Record<string, unknown>;
  markInfo: { Marked?: boolean } | null;
  pages: Array<{ text: string; roles: Record<string, number>; alts: string[] }>;
}

/** Parses the file with pdf.js in a child process (pdf.js 5 is ESM-only; jest runs CommonJS). */
export function pdfjsInspect(file: string): PdfjsReport {
  return JSON.parse(run(process.execPath, [path.join(__dirname, 'pdfjs-inspect.mjs'), file])) as PdfjsReport;
}

/** Does `haystack` contain `needle` as UTF-8, UTF-16BE (PDF text strings) or UTF-16LE? */
export function containsInAnyEncoding(haystack: Buffer, needle: string): boolean {
  const utf16be = Buffer.from(needle, 'utf16le').swap16();
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), utf16be].some((bytes) => haystack.includes(bytes));
}
