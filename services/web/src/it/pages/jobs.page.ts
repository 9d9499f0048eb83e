import { JOB_LIST_STATES, type RecentJob } from '@verbatim/core';
import { html, type SafeHtml } from '../../html';
import { localTime } from '../../format-time';

export interface JobsFilter {
  state: string;
  queue: string;
  limit: number;
}

export interface JobsPage {
  jobs: RecentJob[];
  queues: readonly string[];
  filter: JobsFilter;
  timeZone: string;
  /** Why the list could not be read (the queue is down), shown instead of the table. */
  problem?: string;
}

const QUEUE_LABELS: Record<string, string> = {
  sync: 'Syncs, imports and dispositions',
  bundle: 'FOIA response bundles',
  notify: 'Notifications',
  'search-index': 'Search index rebuilds',
};

const LIMITS = [25, 50, 100, 200];

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function filterForm(options: JobsPage): SafeHtml {
  const { filter } = options;
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${chosen === value ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/jobs" aria-label="Filter the jobs">
  <p><label for="job-state">State</label>
  <select id="job-state" name="state">${option('', 'Any state', filter.state)}${JOB_LIST_STATES.map((state) => option(state, state, filter.state))}</select></p>
  <p><label for="job-queue">Queue</label>
  <select id="job-queue" name="queue">${option('', 'Every queue', filter.queue)}${options.queues.map((queue) => option(queue, QUEUE_LABELS[queue] ?? queue, filter.queue))}</select></p>
  <p><label for="job-limit">How many</label>
  <select id="job-limit" name="limit">${LIMITS.map((limit) => option(String(limit), String(limit), String(filter.limit)))}</select></p>
  <button type="submit">Show jobs</button>
</form>`;
}

function jobRow(job: RecentJob, timeZone: string): SafeHtml {
  const badge = job.state === 'failed' ? html`<span class="badge badge-deleted">failed</span>` : job.state;
  return html`<tr>
  <th scope="row">${job.name}<br><span class="meta">${job.id}</span></th>
  <td>${QUEUE_LABELS[job.queue] ?? job.queue}</td>
  <td>${badge}</td>
  <td>${localTime(job.createdAt, timeZone)}</td>
  <td>${localTime(job.startedAt, timeZone)}</td>
  <td>${localTime(job.finishedAt, timeZone)}</td>
  <td>${duration(job.durationMs)}</td>
  <td>${job.attemptsMade}</td>
  <td>${job.failedReason ?? ''}</td>
</tr>`;
}

/** IT's view of background work: recent syncs, imports, bundles, notifications and rebuilds, with failures. */
export function jobsBody(options: JobsPage): SafeHtml {
  const { jobs } = options;
  return html`<h1>Recent jobs</h1>
<p>Background work of every queue, newest first: when each job was queued, ran and ended, and why a failed one failed. Failed syncs are retried on their own; the account's page says what to fix. The same list is at <code>GET /api/v1/jobs</code>.</p>
${filterForm(options)}
${
  options.problem
    ? html`<p class="error" role="alert">${options.problem}</p>`
    : jobs.length === 0
      ? html`<p class="empty">No jobs match. Jobs finished more than a week ago (failed ones: a month) are no longer kept.</p>`
      : html`<div class="table-wrap" role="region" aria-label="Recent jobs (scrolls sideways on narrow screens)" tabindex="0"><table>
  <caption>${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}, newest first</caption>
  <thead><tr><th scope="col">Job</th><th scope="col">Queue</th><th scope="col">State</th><th scope="col">Queued</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Took</th><th scope="col">Attempts</th><th scope="col">Failure</th></tr></thead>
  <tbody>${jobs.map((job) => jobRow(job, options.timeZone))}</tbody>
</table></div>`
}`;
}
