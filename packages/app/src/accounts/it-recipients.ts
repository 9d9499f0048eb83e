import type { PeopleStore } from '@verbatim/core';

/** Where IT's notices go: IT_NOTIFY_EMAILS, or else every active IT administrator's address. */
export async function itRecipients(
  configured: readonly string[],
  people: Pick<PeopleStore, 'listUsers'>,
): Promise<readonly string[]> {
  if (configured.length > 0) return configured;
  const users = await people.listUsers();
  return users.filter((user) => user.disabledAt === null && user.roles.includes('it-admin')).map((user) => user.email);
}
