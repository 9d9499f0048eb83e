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

/** A person, and the link to the identity provider that IT just cleared (null when there was none). */
export interface UnlinkedPerson {
  user: User;
  unlinked: { issuer: string; subject: string } | null;
}

/**
 * Clears the person's link to their account at the identity provider, for when that account was replaced: their
 * next sign-in through the provider links them again by their verified email. Audited as `user.oidc-unlink` (with
 * the link cleared) when there was a link. Throws not-found for an unknown id.
 */
export async function unlinkPersonFromProvider(
  people: PeopleStore,
  audit: AuditLog,
  userId: string,
  actorId: string,
): Promise<UnlinkedPerson> {
  const user = await people.getUser(userId);
  if (!user) throw notFound(`person ${userId}`);
  const unlinked = await people.unlinkOidcSubject(userId);
  if (unlinked)
    await audit.appendAudit({
      actor: actorId,
      action: 'user.oidc-unlink',
      target: user.id,
      details: { name: user.name, ...unlinked },
    });
  return { user, unlinked };
}
