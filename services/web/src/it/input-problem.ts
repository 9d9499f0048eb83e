/** Why a change was refused, as a form shows it: a sentence, and messages by field path (`connector.seed`). */
export interface InputProblem {
  status: number;
  message: string;
  fields: Map<string, string>;
}

/**
 * The refusal carried by an error the API's functions throw (400 fields, 404, 409 conflict, 503 queue down),
 * or null for any other error, which the pages' error handler reports as a failure.
 */
export function inputProblemOf(error: unknown): InputProblem | null {
  const candidate = error as { status?: unknown; message?: unknown; details?: unknown };
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status >= 600 || candidate.status === 500) return null;
  const details = Array.isArray(candidate.details) ? (candidate.details as Array<{ path?: unknown; message?: unknown }>) : [];
  const fields = new Map<string, string>();
  for (const detail of details) {
    const path = String(detail.path ?? '');
    if (!fields.has(path)) fields.set(path, String(detail.message ?? 'not accepted'));
  }
  return { status: candidate.status, message: String(candidate.message ?? 'not accepted'), fields };
}
