import { z } from 'zod';
import type { RouteDefinition } from './route';

const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

function queryParameters(schema: z.ZodType | undefined): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function operation(route: RouteDefinition): Record<string, unknown> {
  const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const success = route.produces
    ? { description: 'OK', content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
    : {
        description: 'OK',
        content: {
          'application/json': { schema: route.response ? jsonSchema(route.response, 'output') : {} },
          ...Object.fromEntries(
            Object.entries(route.alternatives ?? {}).map(([type, description]) => [
              type,
              { schema: { type: 'string', description } },
            ]),
          ),
        },
      };
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: jsonSchema(ErrorSchema, 'output') } },
  };
  return {
    summary: route.summary,
    description: `Roles: ${route.roles.join(', ')}.`,
    // The permission table, read by the role-matrix test and printed in the README.
    'x-roles': route.public ? [] : route.roles,
    ...(route.public ? { 'x-public': true } : {}),
    security: [{ bearer: [] }],
    parameters: [...pathParameters, ...queryParameters(route.query)],
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    ...(route.uploads
      ? {
          requestBody: {
            required: true,
            description: route.uploads.description,
            content: Object.fromEntries(
              route.uploads.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
            ),
          },
        }
      : {}),
    responses: {
      [route.status]: success,
      400: error,
      401: error,
      403: error,
      404: error,
      ...(route.body || route.uploads ? { 415: error } : {}),
    },
  };
}

/** The public route Meta calls (no bearer token: a GET handshake with the verify token, signed POSTs). */
const FACEBOOK_WEBHOOK_PATH = {
  get: {
    summary: "Meta's subscription handshake for the Facebook Page feed webhook",
    security: [],
    parameters: ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => ({
      name,
      in: 'query',
      required: true,
      schema: { type: 'string' },
    })),
    responses: {
      200: { description: '`hub.challenge` echoed as text/plain: the verify token is FACEBOOK_WEBHOOK_VERIFY_TOKEN' },
      403: { description: 'Wrong mode or verify token, or FACEBOOK_WEBHOOK_VERIFY_TOKEN is not set' },
    },
  },
  post: {
    summary: 'A Page feed delivery: archived byte for byte, and a sync of each Page named is queued',
    security: [],
    parameters: [
      {
        name: 'X-Hub-Signature-256',
        in: 'header',
        required: true,
        description:
          "`sha256=` and the HMAC-SHA256 of the exact body with the Meta app's secret (the account's appSecret)",
        schema: { type: 'string' },
      },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: {
      200: { description: 'Accepted (`{"received":true}`), also for the same bytes delivered again' },
      400: { description: 'Not a Page delivery' },
      403: { description: 'Wrong or missing signature, unknown Page, or its account has no appSecret' },
    },
  },
};

/** The OpenAPI 3 document of the API, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  paths['/healthz'] = {
    get: {
      summary: 'Liveness and readiness of each backend, and whether notifications are configured',
      responses: {
        200: { description: 'All backends answer (status incomplete: notifications are not configured)' },
        503: { description: 'A backend does not answer' },
      },
    },
  };
  paths['/api/v1/webhooks/facebook'] = FACEBOOK_WEBHOOK_PATH;
  return {
    openapi: '3.0.3',
    info: { title: 'Verbatim API', version, description: 'Social media archive and FOIA retrieval service.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
