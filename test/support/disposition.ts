import { waitForJob, type JobBody, type TestInstance } from './start-instance';

export interface DisposedTombstone {
  recordId: string;
  dispositionId: string;
  contentHashes: string[];
  rawCaptureSha256: string[];
}

export interface DispositionCarriedOut {
  jobId: string;
  dispositionId: string;
  job: JobBody;
  result: {
    disposition: { id: string; recordsDisposed: number; completedAt: string | null };
    recordsDisposed: number;
    objectsDeleted: string[];
    objectsWaiting: Array<{ key: string; lockedUntil: string; message: string }>;
  };
  /** The tombstones the disposition left, from `GET /api/v1/dispositions/:id`. */
  records: DisposedTombstone[];
}

/** The attorney approves (202 and a job), the job is followed to its end, and what it left is read back. */
export async function approveDisposition(
  instance: TestInstance,
  note: string,
  token: string,
): Promise<DispositionCarriedOut> {
  const started = await instance.request<{ jobId: string; dispositionId: string }>(
    'POST',
    '/api/v1/dispositions',
    { note },
    token,
  );
  if (started.status !== 202) throw new Error(`disposition: ${started.status} ${JSON.stringify(started.body)}`);
  const job = await waitForJob(instance, started.body.jobId);
  if (job.state !== 'completed') throw new Error(`disposition job ${job.state}: ${job.error}`);
  const outcome = await instance.request<{ records: DisposedTombstone[] }>(
    'GET',
    `/api/v1/dispositions/${started.body.dispositionId}`,
    undefined,
    token,
  );
  return {
    ...started.body,
    job,
    result: job.result as DispositionCarriedOut['result'],
    records: outcome.body.records,
  };
}
