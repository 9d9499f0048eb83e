import { NewAgencySchema, parseInput, type Agency, type Catalog } from '@verbatim/core';

/** Registers a town agency (`POST /api/v1/agencies` and the agency form) and audits it. Throws UseCaseError `invalid`. */
export async function registerAgency(catalog: Catalog, input: unknown, actorId: string): Promise<Agency> {
  const agency = await catalog.createAgency(parseInput(NewAgencySchema, input));
  await catalog.appendAudit({ actor: actorId, action: 'agency.create', target: agency.id });
  return agency;
}
