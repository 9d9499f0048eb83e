import type { JobStatus } from '@verbatim/core';

/** What a job's progress line shows of its state. */
export type JobView = Pick<JobStatus, 'id' | 'state' | 'progress' | 'finishedAt' | 'error'>;

/** A sync job's state in words, and whether it is over (the <progress> then shows full). */
export interface JobDescription {
  finished: boolean;
  sentence: string;
  counts: string;
}

const number = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : '0');

/** The counts a sync reports as it goes: the same wording the page's script uses. */
export function describeSyncCounts(progress: unknown): string {
  const figures = (progress ?? {}) as Record<string, unknown>;
  if (typeof figures.pages !== 'number') return '';
  return `${number(figures.pages)} pages, ${number(figures.items)} items, ${number(figures.created)} new records, ${number(figures.newVersions)} edits, ${number(figures.tombstoned)} deletions found.`;
}

export function describeJob(job: JobView | null): JobDescription {
  if (!job)
    return {
      finished: true,
      sentence:
        'This sync is no longer tracked (finished jobs are kept for a while only). The figures below are current.',
      counts: '',
    };
  const counts = describeSyncCounts(job.progress);
  switch (job.state) {
    case 'completed':
      return { finished: true, sentence: 'Sync finished.', counts };
    case 'failed':
      return { finished: true, sentence: `Sync failed: ${job.error ?? 'no reason given'}.`, counts };
    case 'delayed':
      return { finished: false, sentence: 'Sync paused: the platform asked us to wait. It resumes by itself.', counts };
    case 'active':
      return { finished: false, sentence: 'Syncing…', counts };
    default:
      return { finished: false, sentence: 'Waiting for a worker to start the sync…', counts };
  }
}

/**
 * Served as /assets/job-progress.js: polls `GET /api/v1/jobs/:jobId` (the session cookie authenticates it) and
 * updates the <progress> and sentence in the live region, so the page needs no reload. Without scripts, the
 * page's Refresh link does the same.
 */
export const JOB_PROGRESS_SCRIPT = `(function () {
  var region = document.getElementById('job-status');
  if (!region || !window.fetch) return;
  var jobId = region.getAttribute('data-job-id');
  var bar = document.getElementById('job-progress');
  var sentence = document.getElementById('job-sentence');
  var counts = document.getElementById('job-counts');
  var refresh = document.getElementById('job-refresh');
  var n = function (value) { return typeof value === 'number' ? value.toLocaleString('en-US') : '0'; };
  var say = function (text) { if (sentence.textContent !== text) sentence.textContent = text; };
  var SENTENCES = { completed: 'Sync finished.', delayed: 'Sync paused: the platform asked us to wait. It resumes by itself.', active: 'Syncing…', waiting: 'Waiting for a worker to start the sync…' };
  if (region.getAttribute('data-finished') === 'true') return;
  refresh.hidden = true;
  function poll() {
    fetch('/api/v1/jobs/' + encodeURIComponent(jobId), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('status ' + response.status)); })
      .then(function (job) {
        var p = job.progress || {};
        if (typeof p.pages === 'number') counts.textContent = n(p.pages) + ' pages, ' + n(p.items) + ' items, ' + n(p.created) + ' new records, ' + n(p.newVersions) + ' edits, ' + n(p.tombstoned) + ' deletions found.';
        var over = job.state === 'completed' || job.state === 'failed';
        say(job.state === 'failed' ? 'Sync failed: ' + (job.error || 'no reason given') + '.' : SENTENCES[job.state] || SENTENCES.waiting);
        if (over) {
          bar.value = 1;
          refresh.textContent = 'Show the updated figures';
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
