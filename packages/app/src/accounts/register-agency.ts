import { NewAgencySchema, parseInput, type Agency, type AccountRegistry, type AuditLog } from '@verbatim/core';

/** Registers a town agency (`POST /api/v1/agencies` and the agency form) and audits it. Throws UseCaseError `invalid`. */
export async function registerAgency(
  catalog: AccountRegistry & AuditLog,
  input: unknown,
  actorId: string,
): Promise<Agency> {
  const agency = await catalog.createAgency(parseInput(NewAgencySchema, input));
  await catalog.appendAudit({ actor: actorId, action: 'agency.create', target: agency.id });
  return agency;
}
