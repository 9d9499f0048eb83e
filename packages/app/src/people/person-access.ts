import { notFound, UseCaseError, type AuditLog, type PeopleStore, type User } from '@verbatim/core';

/**
 * Disables a person: their sessions end at once and sign-in is refused until IT enables them again. Audited as
 * `user.disable`. IT cannot disable itself (the last way in could be lost). Throws not-found for an unknown id.
 */
export async function disablePerson(
  people: PeopleStore,
  audit: AuditLog,
  userId: string,
  actorId: string,
): Promise<User> {
  if (userId === actorId)
    throw new UseCaseError(
      'conflict',
      'cannot_disable_self',
      'you cannot disable yourself; ask another IT administrator',
    );
  const user = await people.setUserDisabled(userId, new Date().toISOString());
  if (!user) throw notFound(`person ${userId}`);
  await audit.appendAudit({ actor: actorId, action: 'user.disable', target: user.id, details: { name: user.name } });
  return user;
}

/** Lets a disabled person sign in again (their old sessions stay ended). Audited as `user.enable`. */
export async function enablePerson(
  people: PeopleStore,
  audit: AuditLog,
  userId: string,
  actorId: string,
): Promise<User> {
  const user = await people.setUserDisabled(userId, null);
  if (!user) throw notFound(`person ${userId}`);
  await audit.appendAudit({ actor: actorId, action: 'user.enable', target: user.id, details: { name: user.name } });
  return user;
}
