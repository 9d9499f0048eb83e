import { z } from 'zod';
import { AgencySchema, NewAgencySchema } from '@verbatim/core';
import type { ApiContext } from '../api-context';
import { defineRoute } from '../route';
import { ALL_ROLES } from './roles';

export function agencyRoutes({ catalog }: ApiContext) {
  return [
    defineRoute({
      method: 'post', path: '/agencies', summary: 'Register a town agency', roles: ['it-admin'],
      body: NewAgencySchema, status: 201, response: AgencySchema,
      handle: async ({ body, principal }) => {
        const agency = await catalog.createAgency(body);
        await catalog.appendAudit({ actor: principal.id, action: 'agency.create', target: agency.id });
        return agency;
      },
    }),
    defineRoute({
      method: 'get', path: '/agencies', summary: 'List agencies', roles: ALL_ROLES,
      status: 200, response: z.object({ agencies: z.array(AgencySchema) }),
      handle: async () => ({ agencies: await catalog.listAgencies() }),
    }),
  ];
}
