import type { AuditLog, Role } from '@verbatim/core';

/** Roles that read what the town's lawyers and auditors read; granting one is flagged in the audit. */
export const PRIVILEGED_ROLES: readonly Role[] = ['attorney', 'auditor'];

/**
 * Audits a grant of roles to a person or a token as `role.grant` (besides the creation entry), so every grant
 * is found by one filter; grants of attorney or auditor carry `privileged: true`.
 */
export async function auditRoleGrant(
  audit: AuditLog,
  actorId: string,
  grantee: { kind: 'person' | 'token'; id: string; name: string },
  roles: readonly Role[],
): Promise<void> {
  await audit.appendAudit({
    actor: actorId,
    action: 'role.grant',
    target: grantee.id,
    details: {
      granteeKind: grantee.kind,
      granteeName: grantee.name,
      roles: [...roles],
      privileged: roles.some((role) => PRIVILEGED_ROLES.includes(role)),
    },
  });
}
