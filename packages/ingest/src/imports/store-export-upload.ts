import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rawCaptureKey, type ExportImport, type ExportImportStore, type ObjectStore } from '@verbatim/core';

export interface ExportUpload {
  accountId: string;
  /** What the uploader called the file (kept in the import and the capture's source). */
  fileName: string;
  body: Readable;
  requestedBy: string;
}

/** Thrown for an upload with no bytes. */
export class EmptyExportError extends Error {
  override readonly name = 'EmptyExportError';
}

/**
 * Archives an uploaded export raw under its SHA-256 and records the import, queued. The body is streamed to a
 * scratch file while it is hashed (the key is known only at the end, and object keys are written once), then
 * streamed into the object store: memory stays flat whatever the size. The same bytes uploaded again are one
 * object; each upload is its own import, whose report then says nothing new was found.
 */
export async function storeExportUpload(
  deps: { objectStore: ObjectStore; exportImports: ExportImportStore; scratchDir?: string; now?: () => Date },
  upload: ExportUpload,
): Promise<ExportImport> {
  const scratch = await mkdtemp(path.join(deps.scratchDir ?? os.tmpdir(), 'verbatim-upload-'));
  try {
    const localPath = path.join(scratch, 'upload');
    const hash = createHash('sha256');
    let byteLength = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        byteLength += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(upload.body, hashing, createWriteStream(localPath));
    if (byteLength === 0) throw new EmptyExportError('the export is empty: send the file as the request body');
    const sha256 = hash.digest('hex');
    const key = rawCaptureKey(sha256);
    await deps.objectStore.putStream(key, createReadStream(localPath), { contentType: 'application/octet-stream' });
    return await deps.exportImports.createImport({
      accountId: upload.accountId,
      fileName: path.basename(upload.fileName) || 'export',
      sha256,
      key,
      byteLength,
      requestedBy: upload.requestedBy,
      createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
