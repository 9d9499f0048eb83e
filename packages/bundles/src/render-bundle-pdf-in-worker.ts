import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BundleInput, BundleInputDraft } from './bundle-input';
import type { LoadImage } from './layout/image-catalog';
import type { RenderBundleResult, RenderProgress } from './render-bundle-pdf';
import type { ParentMessage, StartMessage, WorkerMessage } from './worker/worker-protocol';
import { UnredactedTextError } from './leak-check/unredacted-text';

export interface WorkerRenderOptions {
  /** Image bytes by SHA-256; runs in the calling thread (where the object store client lives). */
  loadImage: LoadImage;
  /** Called in the calling thread as the worker plans items and writes pages. */
  onProgress?: (progress: RenderProgress) => void;
  /** Stops the render: the worker is terminated and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Caps the worker's heap (for example `{ maxOldGenerationSizeMb: 256 }`) so one bundle cannot take the host. */
  resourceLimits?: ResourceLimits;
}

/**
 * The worker script. From TypeScript sources (tsx in production, ts-jest in tests) the worker compiles them
 * with tsx's CommonJS hook, resolved from this package so the caller's working directory does not matter.
 * Not `--import tsx`: on Node 20 a worker's entry file is resolved before `--import` hooks apply, and a `.ts`
 * entry fails with "Unknown file extension"; `--require` works on Node 20 and 22 alike.
 */
function workerScript(): { file: string; execArgv: string[] } {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, 'worker', `bundle-pdf.worker${extension}`);
  return { file, execArgv: extension === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [] };
}

/**
 * The worker's error, rebuilt here: same name and message, zod issues kept, the worker's stack attached; redacted
 * words found in clear come back as an UnredactedTextError, so callers can tell it from a crash.
 */
function workerError(error: Extract<WorkerMessage, { type: 'failed' }>['error']): Error {
  if (error.name === 'UnredactedTextError' && error.occurrences)
    return Object.assign(new UnredactedTextError(error.occurrences), { workerStack: error.stack });
  return Object.assign(new Error(error.message), { name: error.name, issues: error.issues, workerStack: error.stack });
}

async function answerImage(worker: Worker, id: number, sha256: string, loadImage: LoadImage): Promise<void> {
  let reply: ParentMessage;
  try {
    const bytes = new Uint8Array(await loadImage(sha256)); // our own copy: its buffer can be transferred
    reply = { type: 'image', id, bytes };
  } catch (error) {
    reply = { type: 'image', id, error: (error as Error).message };
  }
  worker.postMessage(reply, reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : []);
}

function writeChunk(worker: Worker, id: number, bytes: Uint8Array, output: Writable): void {
  output.write(bytes, () => worker.postMessage({ type: 'ack', id } satisfies ParentMessage));
}

/**
 * Renders a bundle like `renderBundlePdf`, but in a worker thread, so the caller's event loop (an API server,
 * a queue worker's lock renewals) stays responsive. Give a file path to let the worker write the file itself,
 * or a Writable to receive the bytes here, with backpressure carried across the thread boundary. Images are
 * fetched here, one at a time, when the worker asks for them. Produces the same bytes as `renderBundlePdf`.
 */
export function renderBundlePdfInWorker(
  input: BundleInputDraft | BundleInput,
  output: string | Writable,
  options: WorkerRenderOptions,
): Promise<RenderBundleResult> {
  if (options.signal?.aborted) return Promise.reject(options.signal.reason);
  const { file, execArgv } = workerScript();
  const worker = new Worker(file, { execArgv, resourceLimits: options.resourceLimits });
  // Posted (copied) now; the wait below does not keep the caller's input alive.
  worker.postMessage({ input, outputPath: typeof output === 'string' ? output : undefined } satisfies StartMessage);
  return waitForWorker(worker, output, options);
}

async function waitForWorker(
  worker: Worker,
  output: string | Writable,
  options: WorkerRenderOptions,
): Promise<RenderBundleResult> {
  let abort = () => {};
  try {
    const result = await new Promise<RenderBundleResult>((resolve, reject) => {
      // Reject at once: a 'done' already queued behind the abort must not win.
      abort = () => reject(options.signal!.reason);
      options.signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') options.onProgress?.(message.progress);
        else if (message.type === 'image') void answerImage(worker, message.id, message.sha256, options.loadImage);
        else if (message.type === 'chunk' && typeof output !== 'string')
          writeChunk(worker, message.id, message.bytes, output);
        else if (message.type === 'done') resolve(message.result);
        else if (message.type === 'failed') reject(workerError(message.error));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`bundle worker exited (code ${code}) before finishing`)));
    });
    if (typeof output !== 'string') {
      output.end();
      await once(output, 'finish');
    }
    return result;
  } catch (error) {
    if (typeof output !== 'string') output.destroy();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await worker.terminate();
  }
}
