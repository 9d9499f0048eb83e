import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { ApiToken, Role } from '@verbatim/core';
import { validationError } from '@verbatim/core';
import { requireRole } from './auth';
import { noteRoutePattern } from './observability/route-pattern';
import { ApiError } from './api-error';

export interface RouteInput<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  principal: ApiToken;
  request: Request;
  response: Response;
}

/**
 * One HTTP operation: the same definition registers the Express handler (validation, roles) and produces
 * its OpenAPI entry, so the documentation cannot drift from what the server accepts.
 */
export interface RouteDefinition<Body = unknown, Query = unknown, Params = Record<string, string>> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style path under /api/v1, e.g. `/accounts/:id`. */
  path: string;
  summary: string;
  roles: readonly Role[];
  /** Reachable without credentials (signing in); mounted before authentication. */
  public?: boolean;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  /** Checks the path parameters (a 400 naming the parameter when one is malformed). */
  params?: z.ZodType<Params>;
  status: number;
  response?: z.ZodType;
  /** Content type for routes that stream bytes instead of JSON. */
  produces?: string;
  /** For routes that read a file as their body, streamed rather than parsed: what the bytes are. */
  uploads?: { contentTypes: readonly string[]; description: string };
  /** Other representations of the JSON response, chosen by the `Accept` header: content type → what it holds. */
  alternatives?: Record<string, string>;
  /** Returns the JSON body, or undefined when the handler wrote the response itself. */
  handle(input: RouteInput<Body, Query, Params>): Promise<unknown>;
}

export function defineRoute<Body = unknown, Query = unknown, Params = Record<string, string>>(
  route: RouteDefinition<Body, Query, Params>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

/**
 * A route that reads JSON refuses any other body with a 415: a form or text body would otherwise read as `{}`, and
 * a PATCH would answer 200 having saved nothing. No body at all still reads as `{}`.
 */
function refuseBodyThatIsNotJson(request: Request): void {
  const length = request.header('content-length');
  const hasBody = request.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (!hasBody || request.is('application/json')) return;
  throw new ApiError(
    415,
    'unsupported_media_type',
    `this route reads JSON, not ${request.header('content-type') || 'a body without a Content-Type'}; send Content-Type: application/json`,
  );
}

/** Registers the routes on an (already authenticated) router. */
export function mountRoutes(router: Router, routes: readonly RouteDefinition[]): void {
  for (const route of routes) {
    const guard = route.public
      ? (_request: Request, _response: Response, next: () => void) => next()
      : requireRole(route.roles);
    const noteRoute = (request: Request, response: Response, next: () => void) => {
      noteRoutePattern(request, response, route.path);
      next();
    };
    router[route.method](route.path, noteRoute, guard, async (request, response) => {
      if (route.body) refuseBodyThatIsNotJson(request);
      const body = parsePart(route.body, request.body ?? {}, 'request body');
      const query = parsePart(route.query, request.query, 'query');
      const result = await route.handle({
        body,
        query,
        params: route.params
          ? parsePart(route.params, request.params, 'path')
          : (request.params as Record<string, string>),
        principal: request.principal!,
        request,
        response,
      });
      if (result !== undefined && !response.headersSent) response.status(route.status).json(result);
    });
  }
}
