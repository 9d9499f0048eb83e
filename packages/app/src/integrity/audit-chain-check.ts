import type { AuditLog } from '@verbatim/core';
import type { IntegrityProblem } from './object-check';

/** Walks the catalog's hash-chained audit log; each finding (an entry altered, missing, unsealed) is a problem. */
export async function checkAuditChain(
  catalog: Pick<AuditLog, 'verifyAuditChain'>,
): Promise<{ checked: boolean; problems: IntegrityProblem[] }> {
  const report = await catalog.verifyAuditChain();
  const problems = report.findings.map((finding) => ({
    kind: 'audit_chain' as const,
    key: null,
    sha256: null,
    accountId: null,
    message: `audit log: ${finding.message}`,
  }));
  // A report that says broken while naming nothing is still a problem: never a silent pass.
  if (!report.ok && problems.length === 0)
    problems.push({
      kind: 'audit_chain',
      key: null,
      sha256: null,
      accountId: null,
      message: 'audit log: the chain is broken',
    });
  return { checked: true, problems };
}
