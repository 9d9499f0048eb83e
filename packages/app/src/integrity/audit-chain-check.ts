import type { IntegrityProblem } from './object-check';

/** A catalog that keeps a hash-chained audit log can walk it; what it answers is read leniently (see below). */
interface AuditChainVerifying {
  verifyAuditChain(): Promise<unknown>;
}

function keepsAuditChain(catalog: object): catalog is AuditChainVerifying {
  return typeof (catalog as Partial<AuditChainVerifying>).verifyAuditChain === 'function';
}

/**
 * Walks the catalog's audit chain when the catalog has one. Its answer is taken as a list of problems, or an
 * object with `ok` and `problems`; each problem a sentence or an object with a `message`.
 */
export async function checkAuditChain(catalog: object): Promise<{ checked: boolean; problems: IntegrityProblem[] }> {
  if (!keepsAuditChain(catalog)) return { checked: false, problems: [] };
  const answer = await catalog.verifyAuditChain();
  const found = Array.isArray(answer)
    ? (answer as unknown[])
    : ((answer as { problems?: unknown[] } | null)?.problems ?? []);
  const problems = found.map((problem) => ({
    kind: 'audit_chain' as const,
    key: null,
    sha256: null,
    accountId: null,
    message: `audit log: ${sentenceOf(problem)}`,
  }));
  const claimsBroken = (answer as { ok?: unknown } | null)?.ok === false && problems.length === 0;
  if (claimsBroken) {
    problems.push({
      kind: 'audit_chain',
      key: null,
      sha256: null,
      accountId: null,
      message: 'audit log: the chain is broken',
    });
  }
  return { checked: true, problems };
}

function sentenceOf(problem: unknown): string {
  if (typeof problem === 'string') return problem;
  const message = (problem as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(problem);
}
