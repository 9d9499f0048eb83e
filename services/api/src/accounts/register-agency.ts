import { NewAgencySchema, type Agency, type Catalog } from '@verbatim/core';
import { parseInput } from './account-checks';

/** Registers a town agency (`POST /api/v1/agencies` and the agency form) and audits it. Throws ApiError 400. */
export async function registerAgency(catalog: Catalog, input: unknown, actorId: string): Promise<Agency> {
  const agency = await catalog.createAgency(parseInput(NewAgencySchema, input));
  await catalog.appendAudit({ actor: actorId, action: 'agency.create', target: agency.id });
  return agency;
}
