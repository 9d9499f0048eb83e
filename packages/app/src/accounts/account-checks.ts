import { z } from 'zod';
import { invalidFields, validationError, type AccountRegistry } from '@verbatim/core';
import { ConnectorConfigSchemas } from '@verbatim/connectors';

/** Throws a refusal naming the failing connector settings (paths start with `connector`). */
export function checkConnector(connector: unknown): void {
  const result = ConnectorConfigSchemas.safeParse(connector);
  if (!result.success) {
    throw validationError(
      'request body',
      new z.ZodError(
        result.error.issues.map((issue: z.core.$ZodIssue) => ({ ...issue, path: ['connector', ...issue.path] })),
      ),
    );
  }
}

/** Refuses `agencyId` when no such agency is registered. */
export async function checkAgency(catalog: AccountRegistry, agencyId: string): Promise<void> {
  if (!(await catalog.getAgency(agencyId))) {
    throw invalidFields('request body', [{ path: 'agencyId', message: `no agency ${agencyId}` }]);
  }
}
