import type { DispositionProgress, DispositionRunResult, JobStatus } from '@verbatim/core';

/** A disposition job's state in words, how far it is (0 to 1), and whether it is over. */
export interface DispositionJobDescription {
  finished: boolean;
  fraction: number;
  sentence: string;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What the finished job did, as the notice says it. */
export function describeDispositionResult(result: DispositionRunResult): string {
  const waiting = result.objectsWaiting;
  const lockedUntil = [...new Set(waiting.map((object) => object.lockedUntil))].sort().at(-1);
  return (
    `Disposition ${result.disposition.id}: ${count(result.recordsDisposed, 'record', 'records')} disposed, ` +
    `${count(result.objectsDeleted.length, 'stored object', 'stored objects')} deleted` +
    (waiting.length ? `, ${waiting.length} waiting for their object lock (until ${lockedUntil} at the latest)` : '') +
    '. Each disposed record keeps a tombstone with its hashes, the rule, the approval and the date.'
  );
}

function describeStep(progress: Partial<DispositionProgress>): { fraction: number; sentence: string } {
  const due = progress.recordsDue ?? 0;
  const disposed = progress.recordsDisposed ?? 0;
  switch (progress.step) {
    case 'search':
      return { fraction: 0.8, sentence: "Taking the disposed records' content out of search…" };
    case 'storage': {
      const toCheck = progress.objectsToCheck ?? 0;
      const done = (progress.objectsDeleted ?? 0) + (progress.objectsWaiting ?? 0);
      return {
        fraction: 0.85 + (toCheck ? (0.15 * done) / toCheck : 0),
        sentence: `Deleting stored objects: ${done.toLocaleString('en-US')} of ${toCheck.toLocaleString('en-US')} done, ${(progress.objectsWaiting ?? 0).toLocaleString('en-US')} waiting for their object lock.`,
      };
    }
    case 'done':
      return { fraction: 1, sentence: 'Finishing…' };
    default:
      return {
        fraction: due ? (0.8 * disposed) / due : 0,
        sentence: `Disposing of records: ${disposed.toLocaleString('en-US')} of ${due.toLocaleString('en-US')} done.`,
      };
  }
}

export function describeDispositionJob(job: JobStatus | null): DispositionJobDescription {
  if (!job)
    return {
      finished: true,
      fraction: 1,
      sentence:
        'This disposition is no longer tracked (finished jobs are kept for a while only); see past dispositions below.',
    };
  if (job.state === 'completed')
    return { finished: true, fraction: 1, sentence: describeDispositionResult(job.result as DispositionRunResult) };
  if (job.state === 'failed')
    return {
      finished: true,
      fraction: 0,
      sentence: `The disposition stopped: ${job.error ?? 'no reason given'}. No record is left half disposed; it resumes where it stopped when a worker starts again.`,
    };
  if (job.state === 'waiting')
    return { finished: false, fraction: 0, sentence: 'Waiting for a worker to start the disposition…' };
  const step = describeStep(job.progress ?? {});
  step.fraction = Math.round(step.fraction * 1000) / 1000;
  if (job.state === 'delayed')
    return {
      finished: false,
      fraction: step.fraction,
      sentence: 'The disposition was interrupted; it resumes by itself shortly.',
    };
  return { finished: false, ...step };
}

/**
 * Served as /assets/disposition-progress.js: polls /disposition/progress (the page's own wording of
 * `GET /api/v1/jobs/:jobId`) and updates the <progress> and sentence in the live region. When the job is over
 * it offers the updated report; without scripts, the Refresh link does the same.
 */
export const DISPOSITION_PROGRESS_SCRIPT = `(function () {
  var region = document.getElementById('job-status');
  if (!region || !window.fetch || region.getAttribute('data-finished') === 'true') return;
  var jobId = region.getAttribute('data-job-id');
  var bar = document.getElementById('job-progress');
  var sentence = document.getElementById('job-sentence');
  var refresh = document.getElementById('job-refresh');
  refresh.hidden = true;
  function poll() {
    fetch('/disposition/progress?job=' + encodeURIComponent(jobId), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('status ' + response.status)); })
      .then(function (job) {
        bar.value = job.fraction;
        if (sentence.textContent !== job.sentence) sentence.textContent = job.sentence;
        if (job.finished) {
          refresh.textContent = 'Show the updated report';
          refresh.hidden = false;
          region.setAttribute('data-finished', 'true');
        } else {
          setTimeout(poll, 1000);
        }
      })
      .catch(function () { refresh.hidden = false; setTimeout(poll, 5000); });
  }
  poll();
})();
`;
