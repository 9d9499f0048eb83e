import { z } from 'zod';
import { parseInput, RoleSchema, UseCaseError, type AuditLog, type PeopleStore, type User } from '@verbatim/core';
import { hashPassword } from './password';
import { auditRoleGrant } from './role-grants';
import type { GrantNotices } from './grant-notices';

export const NewUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  roles: z.array(RoleSchema).min(1).max(RoleSchema.options.length),
  password: z.string().min(12, 'at least 12 characters').max(200),
});
export type NewUser = z.infer<typeof NewUserSchema>;

/**
 * Creates a person who signs in (`POST /api/v1/users`, the people form, `verbatim users create`): their password
 * is stored only as a scrypt hash, and the creation is audited. With `grants`, a person created as attorney or
 * auditor is announced to the attorney's office in the same transaction. Throws UseCaseError `invalid` (fields)
 * or `conflict` (email taken).
 */
export async function createPerson(
  people: PeopleStore,
  catalog: AuditLog,
  input: unknown,
  actorId: string,
  grants?: GrantNotices,
): Promise<User> {
  const fields = parseInput(NewUserSchema, input);
  const roles = [...new Set(fields.roles)];
  const at = new Date().toISOString();
  const compose = await grants?.prepare(actorId, roles, 'created', at);
  const user = await people.createUser(
    { name: fields.name, email: fields.email, roles, passwordHash: await hashPassword(fields.password), at },
    compose && ((created) => compose({ kind: 'person', ...created, previousRoles: [] })),
  );
  if (!user)
    throw new UseCaseError('conflict', 'conflict', `a user with the email ${fields.email} already exists`, [
      { path: 'email', message: 'a person with this email already exists' },
    ]);
  await catalog.appendAudit({ actor: actorId, action: 'user.create', target: user.id, details: { roles: user.roles } });
  await auditRoleGrant(catalog, actorId, { kind: 'person', id: user.id, name: user.name }, user.roles);
  return user;
}

/** Gives a person a new password (stored only as a hash), ends their sessions, and audits it; false when no such person. */
export async function resetPassword(
  people: PeopleStore,
  catalog: AuditLog,
  userId: string,
  password: string,
  actorId: string,
): Promise<boolean> {
  const changed = await people.setPasswordHash(
    userId,
    await hashPassword(parseInput(NewUserSchema.shape.password, password, 'password')),
  );
  if (changed) await catalog.appendAudit({ actor: actorId, action: 'user.password-reset', target: userId });
  return changed;
}
