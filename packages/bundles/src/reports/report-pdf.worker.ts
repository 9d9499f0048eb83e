import { parentPort, workerData } from 'node:worker_threads';
import { REPORT_RENDERERS, type ReportPdfJob } from './report-renderers';

/** Renders one report PDF off the caller's thread and posts its bytes back (see renderReportPdfInWorker). */
const job = workerData as ReportPdfJob;
const render = REPORT_RENDERERS[job.kind] as (input: unknown) => Promise<Buffer>;
void render(job.input).then((pdf) => parentPort!.postMessage(new Uint8Array(pdf)));
