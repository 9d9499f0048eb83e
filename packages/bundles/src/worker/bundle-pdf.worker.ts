// Worker entry: renders one bundle off the parent's event loop. The parent sends the bundle as the first message
// (not as workerData, which would stay referenced for the worker's life), serves images and, unless the worker
// writes a file, takes the PDF bytes; see render-bundle-pdf-in-worker.ts.
import { createWriteStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { renderBundlePdf } from '../render-bundle-pdf';
import type { BundleInputDraft } from '../bundle-input';
import type { UnredactedOccurrence } from '../leak-check/unredacted-text';
import {
  imageLoaderOverPort,
  PortCalls,
  writableOverPort,
  type StartMessage,
  type WorkerMessage,
} from './worker-protocol';

const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);

port.once('message', ({ input, outputPath }: StartMessage) => {
  const calls = new PortCalls(port);
  const output =
    outputPath === undefined ? writableOverPort(calls) : createWriteStream(outputPath, { highWaterMark: 1024 * 1024 });
  renderBundlePdf(input as BundleInputDraft, output, {
    loadImage: imageLoaderOverPort(calls),
    onProgress: (progress) => post({ type: 'progress', progress }),
  }).then(
    (result) => post({ type: 'done', result }),
    // A ZodError's issues travel along, so a caller can report the failing fields; so do unredacted words' places.
    (error: Error & { issues?: unknown; occurrences?: UnredactedOccurrence[] }) =>
      post({
        type: 'failed',
        error: {
          name: error.name,
          message: error.message,
          stack: error.stack,
          issues: error.issues,
          occurrences: error.occurrences,
        },
      }),
  );
});
