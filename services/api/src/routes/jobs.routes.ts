import { z } from 'zod';
import type { ApiContext } from '../api-context';
import { invalidFields, IT_ROLES, JOB_LIST_STATES, notFound, UseCaseError } from '@verbatim/core';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

export const JobStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'delayed']),
  progress: z.unknown(),
  attemptsMade: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

export const RecentJobSchema = z.object({
  id: z.string(),
  queue: z.string(),
  name: z.string(),
  state: z.enum(JOB_LIST_STATES),
  attemptsMade: z.number(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMs: z.number().optional(),
  failedReason: z.string().optional(),
});

const StatesSchema = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((state) => state.trim()) : []))
  .pipe(z.array(z.enum(JOB_LIST_STATES, { message: `must be one or more of ${JOB_LIST_STATES.join(', ')}` })));

export const RecentJobsQuerySchema = z.object({
  state: StatesSchema,
  queue: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function jobRoutes({ jobs, recentJobs }: ApiContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/jobs',
      summary: 'Recent background jobs (syncs, imports, bundles, notifications, reindexing) with timings and failures',
      roles: IT_ROLES,
      status: 200,
      query: RecentJobsQuerySchema,
      response: z.object({ queues: z.array(z.string()), jobs: z.array(RecentJobSchema) }),
      handle: async ({ query }) => {
        if (!recentJobs) throw new UseCaseError('unavailable', 'queue_unavailable', 'this process knows no queues');
        const queues = recentJobs.queueNames();
        if (query.queue && !queues.includes(query.queue))
          throw invalidFields('query', [{ path: 'queue', message: `must be one of ${queues.join(', ')}` }]);
        return { queues, jobs: await recentJobs.list({ states: query.state, queue: query.queue, limit: query.limit }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/jobs/:jobId',
      summary: 'State and progress of a background job',
      roles: ALL_ROLES,
      status: 200,
      response: JobStatusSchema,
      handle: async ({ params }) => {
        const status = await jobs.getStatus(params.jobId);
        if (!status) throw notFound(`job ${params.jobId}`);
        return status;
      },
    }),
  ];
}
