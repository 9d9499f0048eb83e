import type { Readable } from 'node:stream';

/** Reads a stream to its end, returning what arrived before it ended or failed, and the failure. */
export async function drain(stream: Readable): Promise<{ received: Buffer; error: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { received: Buffer.concat(chunks), error: undefined };
  } catch (error) {
    return { received: Buffer.concat(chunks), error };
  }
}
