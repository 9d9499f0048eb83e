import { refusalOf } from '@verbatim/http';

/** Why a change was refused, as a form shows it: a sentence, and messages by field path (`connector.seed`). */
export interface InputProblem {
  status: number;
  message: string;
  fields: Map<string, string>;
}

/**
 * The refusal carried by an error the use cases throw (fields, not found, conflict, queue down), or null for
 * any other error, which the pages' error handler reports as a failure.
 */
export function inputProblemOf(error: unknown): InputProblem | null {
  const refusal = refusalOf(error);
  if (!refusal) return null;
  const details = Array.isArray(refusal.details)
    ? (refusal.details as Array<{ path?: unknown; message?: unknown }>)
    : [];
  const fields = new Map<string, string>();
  for (const detail of details) {
    const path = typeof detail.path === 'string' ? detail.path : '';
    if (!fields.has(path)) fields.set(path, typeof detail.message === 'string' ? detail.message : 'not accepted');
  }
  return { status: refusal.status, message: refusal.message, fields };
}
