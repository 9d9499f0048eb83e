import type { Request, Response } from 'express';

/** Requests no route matched (404s, and requests refused before routing, e.g. a missing token). */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Notes the route pattern a request matched, e.g. `/api/v1/records/:id`; read back by routePatternOf. */
export function noteRoutePattern(request: Request, response: Response, pattern: string): void {
  response.locals.routePattern = `${request.baseUrl}${pattern}`;
}

/**
 * The route pattern (never the raw path, which carries ids and search text): the one the API noted, else the
 * page route Express matched, else UNMATCHED_ROUTE. Keeps the metric labels few and the log free of queries.
 */
export function routePatternOf(request: Request, response: Response): string {
  const noted = response.locals.routePattern as string | undefined;
  if (noted) return noted;
  const routePath = (request.route as { path?: unknown } | undefined)?.path;
  return typeof routePath === 'string' ? `${request.baseUrl}${routePath}` : UNMATCHED_ROUTE;
}

/** Who made the request: a token's or a person's id, noted by authentication or a page's guard. */
export function principalIdOf(request: Request, response: Response): string | undefined {
  return request.principal?.id ?? (response.locals.principalId as string | undefined);
}
