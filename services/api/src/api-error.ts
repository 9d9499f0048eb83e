import type { ErrorRequestHandler } from 'express';
import { SearchQueryError, UseCaseError } from '@verbatim/core';
import { statusOfRefusal } from '@verbatim/http';

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

/** Last middleware: turns anything thrown into the documented error shape. */
export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, _request, response, _next) => {
    if (response.headersSent) {
      // A stream failed after its headers went out: the response is already cut short; only the log can tell.
      log(error);
      return;
    }
    const apiError = toApiError(error);
    if (apiError.status >= 500) log(error);
    response.status(apiError.status).json({
      error: {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.details === undefined ? {} : { details: apiError.details }),
      },
    });
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof UseCaseError)
    return new ApiError(statusOfRefusal(error), error.code, error.message, error.details);
  if (error instanceof SearchQueryError) return new ApiError(400, 'invalid_query', error.message);
  const status = (error as { status?: number; type?: string }).status;
  if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
    return new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  if (status === 413) return new ApiError(413, 'payload_too_large', 'the request body is too large');
  return new ApiError(500, 'internal', 'internal error; the server log has the details');
}
