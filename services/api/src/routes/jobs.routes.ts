import { z } from 'zod';
import type { ApiContext } from '../api-context';
import { notFound } from '@verbatim/core';
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

export function jobRoutes({ jobs }: ApiContext) {
  return [
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
