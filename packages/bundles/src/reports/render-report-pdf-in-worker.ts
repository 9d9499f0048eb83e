import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportPdfJob } from './report-renderers';

/**
 * Renders a report PDF in a worker thread, so the API's event loop stays responsive: ten thousand due records
 * take pdfkit several seconds. From TypeScript sources the worker compiles them with tsx's CommonJS hook, as
 * the bundle renderer's worker does (see render-bundle-pdf-in-worker.ts).
 */
export async function renderReportPdfInWorker(job: ReportPdfJob): Promise<Buffer> {
  const extension = path.extname(__filename);
  const worker = new Worker(path.join(__dirname, `report-pdf.worker${extension}`), {
    workerData: job,
    execArgv: extension === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [],
  });
  try {
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the report's PDF worker stopped (exit code ${code})`)));
    });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await worker.terminate();
  }
}
