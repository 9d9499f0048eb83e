import type { MessagePort } from 'node:worker_threads';
import { Writable } from 'node:stream';
import type { RenderBundleResult, RenderProgress } from '../render-bundle-pdf';
import type { UnredactedOccurrence } from '../leak-check/unredacted-text';

/** Messages from the rendering worker to its parent. */
export type WorkerMessage =
  | { type: 'progress'; progress: RenderProgress }
  | { type: 'image'; id: number; sha256: string }
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'done'; result: RenderBundleResult }
  | {
      type: 'failed';
      error: { name: string; message: string; stack?: string; issues?: unknown; occurrences?: UnredactedOccurrence[] };
    };

/** Messages from the parent to the worker. */
export type ParentMessage =
  { type: 'image'; id: number; bytes?: Uint8Array; error?: string } | { type: 'ack'; id: number };

/** The parent's first message: the bundle, and a file path when the worker writes the PDF itself. */
export interface StartMessage {
  input: unknown;
  outputPath?: string;
}

/** Request/answer bookkeeping over a MessagePort: one pending callback per message id. */
export class PortCalls {
  private nextId = 1;
  private readonly pending = new Map<number, (message: ParentMessage) => void>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (message: ParentMessage) => {
      if (typeof message?.id !== 'number') return;
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message);
    });
  }

  /** Posts a message built around a fresh id and resolves with the parent's answer to it. */
  call(build: (id: number) => WorkerMessage, transfer: ArrayBuffer[] = []): Promise<ParentMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.port.postMessage(build(id), transfer);
    });
  }
}

/** Image bytes, fetched by the parent (which owns the object store client). */
export function imageLoaderOverPort(calls: PortCalls): (sha256: string) => Promise<Buffer> {
  return async (sha256) => {
    const answer = await calls.call((id) => ({ type: 'image', id, sha256 }));
    if (answer.type !== 'image' || answer.bytes === undefined)
      throw new Error(answer.type === 'image' ? answer.error : 'bad answer');
    return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
  };
}

/** A Writable in the worker whose bytes go to the parent; each write completes when the parent has written it. */
export function writableOverPort(calls: PortCalls): Writable {
  return new Writable({
    highWaterMark: 1024 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      const bytes = new Uint8Array(chunk); // a copy we own, so its buffer can be transferred
      calls.call((id) => ({ type: 'chunk', id, bytes }), [bytes.buffer]).then(() => callback(), callback);
    },
  });
}
