import express, { type RequestHandler } from 'express';
import { problemOfPath, problemOfUrlEncoded } from '@verbatim/http';

/** Bad input a page refuses with its status (400 or 415) and a message for the person who sent it. */
export class FormInputError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a posted form (`application/x-www-form-urlencoded`, at most `limit`), refusing with a 400 a field that
 * holds a NUL character or bytes that are not UTF-8 (they would otherwise be kept as replacement characters, or
 * fail deep in the catalog or the search index).
 */
export function readFormBody(limit: string): ReturnType<typeof express.urlencoded> {
  return express.urlencoded({
    extended: false,
    limit,
    verify: (_request, _response, bytes, encoding) => {
      if (encoding !== 'utf-8') throw new FormInputError(415, 'Send the form as UTF-8 text.');
      const problem = problemOfUrlEncoded(Buffer.from(bytes).toString('latin1'), 'The form');
      if (problem) throw new FormInputError(400, `${problem}. Remove it and send the form again.`);
    },
  });
}

/** Refuses an address whose path or query does not decode to UTF-8 text without NUL characters (a 400 page). */
export const refuseMalformedAddress: RequestHandler = (request, _response, next) => {
  const [path, query = ''] = request.originalUrl.split(/\?(.*)/s, 2);
  const problem = problemOfPath(path) ?? problemOfUrlEncoded(query, 'The address');
  if (problem) return next(new FormInputError(400, `${capitalized(problem)}. Correct the address or the search.`));
  next();
};

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The status and message of a refusal of bad input (ours, the form reader's, or an undecodable path parameter),
 * or null for anything else. Never the reader's own message: it could name internals.
 */
export function refusalOfInput(error: unknown): { status: number; message: string } | null {
  if (error instanceof FormInputError) return { status: error.status, message: error.message };
  const { status, type } = error as { status?: number; type?: string };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (status === 413) return { status, message: 'The form is too large. Shorten it and send it again.' };
  if (type === 'charset.unsupported') return { status: 415, message: 'Send the form as UTF-8 text.' };
  if (type === 'encoding.unsupported')
    return { status: 415, message: 'The form was sent with a Content-Encoding this server does not read.' };
  return { status: 400, message: 'The address or the form could not be read. Check it and send it again.' };
}
