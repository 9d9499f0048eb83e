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
  return refusalOfBodyReader(error) ?? new ApiError(500, 'internal', 'internal error; the server log has the details');
}

/**
 * The body reader's (body-parser's) refusals and Express's undecodable path parameters, in words that say what
 * to send instead. Never its own message: that could carry a parser's internals.
 */
function refusalOfBodyReader(error: unknown): ApiError | null {
  const { status, type, charset, encoding } = error as {
    status?: number;
    type?: string;
    charset?: string;
    encoding?: string;
  };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (type === 'entity.parse.failed') return new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  if (status === 413) return new ApiError(413, 'payload_too_large', 'the request body is too large');
  if (type === 'charset.unsupported')
    return new ApiError(
      415,
      'unsupported_charset',
      `the body's charset "${charset ?? ''}" is not accepted; send it as UTF-8 (charset=utf-8)`,
    );
  if (type === 'encoding.unsupported')
    return new ApiError(
      415,
      'unsupported_encoding',
      `the Content-Encoding "${encoding ?? ''}" is not accepted; send the body as is, or gzip, deflate or br`,
    );
  if (status === 400 && type === undefined && isParamDecodeFailure(error))
    return new ApiError(400, 'invalid_path', 'a path parameter is not valid percent-encoded UTF-8; fix the address');
  if (status === 400)
    return new ApiError(
      400,
      'invalid_body',
      'the request body could not be read: it is cut short or not encoded as its Content-Encoding says',
    );
  return new ApiError(status, 'invalid_request', 'the request could not be read; check its headers and body');
}

function isParamDecodeFailure(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Failed to decode param');
}
