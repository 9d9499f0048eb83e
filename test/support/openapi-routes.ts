import type { TestInstance } from './start-instance';

/** One operation of the served OpenAPI document, as the permission table reads it. */
export interface DocumentedRoute {
  method: string;
  /** OpenAPI-style, e.g. `/api/v1/accounts/{id}`. */
  path: string;
  roles: string[];
  isPublic: boolean;
  readsJson: boolean;
}

interface Operation {
  'x-roles'?: string[];
  'x-public'?: boolean;
  requestBody?: { content: Record<string, unknown> };
}

/** Every route of the API from its OpenAPI document, which the route definitions produce (roles included). */
export async function documentedRoutes(instance: TestInstance): Promise<DocumentedRoute[]> {
  const document = (await instance.request('GET', '/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  const routes: DocumentedRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation['x-roles']) continue; // the Facebook webhook: Meta's, signed, not a role's
      routes.push({
        method: method.toUpperCase(),
        path,
        roles: operation['x-roles'],
        isPublic: operation['x-public'] === true,
        readsJson: operation.requestBody?.content['application/json'] !== undefined,
      });
    }
  }
  return routes;
}

/** The path with every `{parameter}` filled in. */
export const filledPath = (path: string, value = 'x_missing'): string =>
  path.replace(/\{\w+\}/g, encodeURIComponent(value));
