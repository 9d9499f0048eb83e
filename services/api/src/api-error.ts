import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { SearchQueryError } from '@verbatim/core';

/** An error the API reports as `{ error: { code, message, details? } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** Field-level details of a zod failure, e.g. `[{ path: "connector.seed", message: "…" }]`. */
export function describeZodIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function validationError(where: string, error: z.ZodError): ApiError {
  const details = describeZodIssues(error);
  const summary = details.map((detail) => `${detail.path || where}: ${detail.message}`).join('; ');
  return new ApiError(400, 'validation_failed', `invalid ${where}: ${summary}`, details);
}

/** Last middleware: turns anything thrown into the documented error shape. */
export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) log(error);
    response.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, ...(apiError.details === undefined ? {} : { details: apiError.details }) },
    });
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SearchQueryError) return new ApiError(400, 'invalid_query', error.message);
  const status = (error as { status?: number; type?: string }).status;
  if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
    return new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  if (status === 413) return new ApiError(413, 'payload_too_large', 'the request body is too large');
  return new ApiError(500, 'internal', 'internal error; the server log has the details');
}
