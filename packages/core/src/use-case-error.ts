import type { z } from 'zod';

/**
 * What went wrong, in the terms every adapter maps: the API to an HTTP status, the pages to a message, the CLI
 * to an exit code. `invalid` is the caller's input, `throttled` too many attempts (details carry `retryAfterSeconds`), `unavailable` a backend that did not answer, `damaged` the
 * archive itself (a catalogued object missing from storage): never the caller's fault, always worth a look.
 */
export type UseCaseErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'throttled' | 'unavailable' | 'damaged';

/** A refusal written for the person who asked: `code` is stable for scripts, `message` says what to do next. */
export class UseCaseError extends Error {
  override readonly name = 'UseCaseError';

  constructor(
    readonly kind: UseCaseErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One failing field of some input, e.g. `{ path: "connector.seed", message: "…" }`. */
export interface FieldProblem {
  path: string;
  message: string;
}

export const notFound = (what: string) => new UseCaseError('not-found', 'not_found', `${what} not found`);

/** A refusal of input naming the failing fields; `where` names the input ("request body", "query"). */
export function invalidFields(where: string, problems: FieldProblem[]): UseCaseError {
  const summary = problems.map((problem) => `${problem.path || where}: ${problem.message}`).join('; ');
  return new UseCaseError('invalid', 'validation_failed', `invalid ${where}: ${summary}`, problems);
}

/** Field-level details of a zod failure. */
export function describeZodIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export function validationError(where: string, error: z.ZodError): UseCaseError {
  return invalidFields(where, describeZodIssues(error));
}

/** Parses `input` with `schema`, throwing the refusal with the failing fields. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, where = 'request body'): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

/** The job queue (Redis) did not answer: the same words wherever it happens. */
export function queueUnavailable(): UseCaseError {
  return new UseCaseError(
    'unavailable',
    'queue_unavailable',
    'the job queue (Redis) is not answering; try again shortly, and check /healthz',
  );
}
