import { createReadStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFile } from '@verbatim/core';
import * as yauzl from 'yauzl';

/** An export file opened from disk; closing it releases the ZIP's file descriptor. */
export interface OpenedExportFile extends ExportFile {
  readonly isZip: boolean;
  close(): Promise<void>;
}

const ZIP_SIGNATURES = [Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('PK\u0005\u0006', 'latin1')];

/** Opens the export at `localPath`; `fileName` is what the uploader called it, the name of a lone file. */
export async function openExportFile(localPath: string, fileName: string): Promise<OpenedExportFile> {
  if (await isZip(localPath)) return openZip(localPath);
  const name = path.basename(fileName);
  return {
    isZip: false,
    names: [name],
    open: async (wanted) => {
      if (wanted !== name) throw new Error(`the export has no file ${wanted}`);
      return createReadStream(localPath);
    },
    close: async () => undefined,
  };
}

async function isZip(localPath: string): Promise<boolean> {
  const handle = await openFile(localPath, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && ZIP_SIGNATURES.some((signature) => signature.equals(head));
  } finally {
    await handle.close();
  }
}

/**
 * A ZIP read through its central directory, with yauzl: random access, so any entry opens at any time, each
 * streamed and checked against its CRC and declared size.
 */
async function openZip(localPath: string): Promise<OpenedExportFile> {
  const zip = await yauzl.openPromise(localPath, { lazyEntries: true, autoClose: false });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', resolve);
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    isZip: true,
    names: [...entries.keys()],
    open: async (name) => {
      const entry = entries.get(name);
      if (!entry) throw new Error(`the export has no file ${name}`);
      return zip.openReadStreamPromise(entry);
    },
    close: async () => {
      zip.close();
    },
  };
}
