import type { Request } from 'express';

/**
 * Reads a request body sent as raw bytes (an uploaded file), keeping at most `maxBytes + 1` of them: a larger
 * body is read to its end and dropped, so the caller can refuse it as too large with a readable 400 instead of a
 * connection reset, and no more than the limit ever sits in memory.
 */
export async function readUploadBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (kept > maxBytes) continue;
    const room = maxBytes + 1 - kept;
    const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    chunks.push(part);
    kept += part.byteLength;
  }
  return Buffer.concat(chunks);
}

/** `attachment` with the file's name: plain ASCII for old clients, the exact name (RFC 6266) for the rest. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
