import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { problemOfJsonValue, problemOfPath, problemOfUrlEncoded, problemOfUtf8Bytes } from '@verbatim/http';
import { ApiError } from './api-error';

/**
 * Refuses, before any route reads them, a path whose parameters do not decode (`/records/%FF`) and a query
 * string holding NUL characters or bytes that are not UTF-8: each a 400 naming the part, with nothing changed.
 */
export const refuseMalformedUrl: RequestHandler = (request, _response, next) => {
  const [path, query = ''] = request.originalUrl.split(/\?(.*)/s, 2);
  const pathProblem = problemOfPath(path);
  if (pathProblem) return next(new ApiError(400, 'invalid_path', `${pathProblem}; fix the address and resend`));
  const queryProblem = problemOfUrlEncoded(query, 'the query');
  if (queryProblem) return next(new ApiError(400, 'invalid_query_text', `${queryProblem}; resend it as UTF-8 text`));
  next();
};

const readJson = express.json({
  limit: '1mb',
  // Only UTF-8 (RFC 8259 §8.1): any other declared charset is a 415, and bytes that are not UTF-8 a 400, rather
  // than text silently turned into replacement characters.
  verify: (_request, _response, bytes, encoding) => {
    if (encoding !== 'utf-8')
      throw new ApiError(
        415,
        'unsupported_charset',
        `the body's charset "${encoding}" is not accepted; send JSON as UTF-8 (Content-Type: application/json; charset=utf-8)`,
      );
    const problem = problemOfUtf8Bytes(bytes, 'the request body');
    if (problem) throw new ApiError(400, 'invalid_utf8', `${problem}; send JSON as UTF-8`);
  },
});

/** The JSON body parser of the API, refusing NUL characters, unpaired surrogates and deep nesting anywhere in it. */
export function parseJsonBody(request: Request, response: Response, next: NextFunction): void {
  readJson(request, response, (error?: unknown) => {
    if (error) return next(error);
    const problem = request.body === undefined ? null : problemOfJsonValue(request.body, 'the request body');
    if (problem) return next(new ApiError(400, 'invalid_text', `${problem}; remove it and resend`));
    next();
  });
}
