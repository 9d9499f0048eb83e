import { z } from 'zod';
import { AgencySchema, NewAgencySchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

export function agencyRoutes({ catalog, it }: ApiContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/agencies',
      summary: 'Register a town agency',
      roles: ['it-admin'],
      body: NewAgencySchema,
      status: 201,
      response: AgencySchema,
      handle: async ({ body, principal }) => it.registerAgency(body, principal.id),
    }),
    defineRoute({
      method: 'get',
      path: '/agencies',
      summary: 'List agencies',
      roles: ALL_ROLES,
      status: 200,
      response: z.object({ agencies: z.array(AgencySchema) }),
      handle: async () => ({ agencies: await catalog.listAgencies() }),
    }),
  ];
}
