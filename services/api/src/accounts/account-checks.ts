import { z } from 'zod';
import type { Catalog } from '@verbatim/core';
import { ConnectorConfigSchemas } from '@verbatim/connectors';
import { ApiError, validationError } from '../api-error';

/** Throws a 400 naming the failing connector settings (paths start with `connector`). */
export function checkConnector(connector: unknown): void {
  const result = ConnectorConfigSchemas.safeParse(connector);
  if (!result.success) {
    throw validationError('request body', new z.ZodError(result.error.issues.map((issue: z.core.$ZodIssue) => ({ ...issue, path: ['connector', ...issue.path] }))));
  }
}

/** Throws a 400 on `agencyId` when no such agency is registered. */
export async function checkAgency(catalog: Catalog, agencyId: string): Promise<void> {
  if (!(await catalog.getAgency(agencyId))) {
    throw new ApiError(400, 'validation_failed', `invalid request body: agencyId: no agency ${agencyId}`, [{ path: 'agencyId', message: `no agency ${agencyId}` }]);
  }
}

/** Parses `input` with `schema`, throwing the API's 400 with the failing fields. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError('request body', result.error);
  return result.data;
}
