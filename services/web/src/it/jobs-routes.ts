import type { Router } from 'express';
import { IT_ROLES, JOB_LIST_STATES, UseCaseError, type JobListState, type RecentJob } from '@verbatim/core';
import type { WebDependencies } from '../web-dependencies';
import { jobsBody, type JobsFilter } from './pages/jobs.page';
import type { Guard, Render } from './route-kit';

const DEFAULT_LIMIT = 50;

/** Reads the filter from the query; anything unknown falls back to "any", never an error page. */
function readFilter(query: Record<string, unknown>, queues: readonly string[]): JobsFilter {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const state = (JOB_LIST_STATES as readonly string[]).includes(text(query.state)) ? text(query.state) : '';
  const queue = queues.includes(text(query.queue)) ? text(query.queue) : '';
  const limit = Number.parseInt(text(query.limit), 10);
  return { state, queue, limit: limit >= 1 && limit <= 500 ? limit : DEFAULT_LIMIT };
}

/** /jobs: the recent jobs of every queue, for IT. */
export function mountJobsRoutes(router: Router, deps: WebDependencies, render: Render, guard: Guard): void {
  router.get('/jobs', async (request, response) => {
    const session = await guard(request, response, IT_ROLES);
    if (!session) return;
    const queues = deps.recentJobs?.queueNames() ?? [];
    const filter = readFilter(request.query, queues);
    let jobs: RecentJob[] = [];
    let problem: string | undefined;
    try {
      if (!deps.recentJobs) throw new UseCaseError('unavailable', 'queue_unavailable', 'This process knows no queues.');
      jobs = await deps.recentJobs.list({
        states: filter.state ? [filter.state as JobListState] : [],
        queue: filter.queue || undefined,
        limit: filter.limit,
      });
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error;
      problem = `The jobs could not be read: ${error.message}`;
    }
    const status = problem ? 503 : 200;
    render(
      response,
      status,
      'Recent jobs',
      session,
      jobsBody({ jobs, queues, filter, timeZone: deps.timeZone, problem }),
    );
  });
}
