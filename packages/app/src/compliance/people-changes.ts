import type { AccountPerson } from '@verbatim/core';
import type { NewAccountPeopleChange } from '@verbatim/foia';

type Role = NewAccountPeopleChange['role'];

/** A person is the same across a change when their email is (any case), or, without one, their name. */
const keyOf = (person: AccountPerson) => (person.email ? person.email.toLowerCase() : `name:${person.name}`);

const same = (a: AccountPerson, b: AccountPerson) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The people history entries of replacing `before` with `after` in one role: who was added, whose details
 * changed (a stop date set is a change), and who was removed. Unchanged people give nothing.
 */
export function diffPeople(
  role: Role,
  before: readonly AccountPerson[],
  after: readonly AccountPerson[],
  context: { accountId: string; changedBy: string; changedAt: string },
): NewAccountPeopleChange[] {
  const previous = new Map(before.map((person) => [keyOf(person), person]));
  const changes: NewAccountPeopleChange[] = [];
  for (const person of after) {
    const was = previous.get(keyOf(person));
    previous.delete(keyOf(person));
    if (!was) changes.push({ ...context, role, change: 'added', person, previous: null });
    else if (!same(was, person)) changes.push({ ...context, role, change: 'changed', person, previous: was });
  }
  for (const person of previous.values()) changes.push({ ...context, role, change: 'removed', person, previous: null });
  return changes;
}

/** Both roles' entries for an account going from `before` to `after`. */
export function diffAccountPeople(
  before: { administrators: readonly AccountPerson[]; moderators: readonly AccountPerson[] },
  after: { administrators: readonly AccountPerson[]; moderators: readonly AccountPerson[] },
  context: { accountId: string; changedBy: string; changedAt: string },
): NewAccountPeopleChange[] {
  return [
    ...diffPeople('administrator', before.administrators, after.administrators, context),
    ...diffPeople('moderator', before.moderators, after.moderators, context),
  ];
}
