import { z } from 'zod';
import {
  notFound,
  parseInput,
  RoleSchema,
  UseCaseError,
  type AuditLog,
  type PeopleStore,
  type User,
} from '@verbatim/core';
import type { GrantNotices } from './grant-notices';
import { auditRoleGrant } from './role-grants';

export const PersonRolesSchema = z.strictObject({
  roles: z.array(RoleSchema).min(1).max(RoleSchema.options.length),
});
export type PersonRoles = z.infer<typeof PersonRolesSchema>;

/**
 * Replaces a person's roles (`PUT /api/v1/users/:id/roles`, `verbatim users roles`), audited as `user.roles` with
 * before and after, and the roles newly granted as `role.grant`. With `grants`, a new attorney or auditor role is
 * announced to the attorney's office in the same transaction. IT cannot change its own roles (it could lock the
 * town out). Throws not-found for an unknown person, `invalid` for bad roles.
 */
export async function setPersonRoles(
  people: PeopleStore,
  audit: AuditLog,
  userId: string,
  input: unknown,
  actorId: string,
  grants?: GrantNotices,
): Promise<User> {
  const roles = [...new Set(parseInput(PersonRolesSchema, input).roles)];
  if (userId === actorId)
    throw new UseCaseError(
      'conflict',
      'cannot_change_own_roles',
      'you cannot change your own roles; ask another IT administrator',
    );
  const at = new Date().toISOString();
  const compose = await grants?.prepare(actorId, roles, 'roles-changed', at);
  let before: readonly string[] = [];
  const user = await people.setUserRoles(userId, roles, at, (changed, previousRoles) => {
    before = previousRoles;
    return compose ? compose({ kind: 'person', ...changed, previousRoles }) : [];
  });
  if (!user) throw notFound(`person ${userId}`);
  await audit.appendAudit({
    actor: actorId,
    action: 'user.roles',
    target: user.id,
    details: { name: user.name, before: [...before], after: user.roles },
  });
  const added = user.roles.filter((role) => !before.includes(role));
  if (added.length > 0) await auditRoleGrant(audit, actorId, { kind: 'person', id: user.id, name: user.name }, added);
  return user;
}
