import { UseCaseError, type UseCaseErrorKind } from '@verbatim/core';

/** The HTTP status of each kind of refusal the use cases raise, for the API's JSON and the pages alike. */
const STATUS_OF_KIND: Record<UseCaseErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  throttled: 429,
  damaged: 500,
  unavailable: 503,
};

export function statusOfRefusal(error: UseCaseError): number {
  return STATUS_OF_KIND[error.kind];
}

/**
 * A refusal meant for the person (bad input, a conflict, the queue down) with its status, or null for anything
 * else: a fault, which the caller lets through to its error handler and log.
 */
export function refusalOf(error: unknown): { status: number; message: string; details: unknown } | null {
  if (!(error instanceof UseCaseError) || error.kind === 'damaged') return null;
  return { status: statusOfRefusal(error), message: error.message, details: error.details };
}
