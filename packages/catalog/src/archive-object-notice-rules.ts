import type { AnnouncedObject, ObjectStateChange, ObservedObject } from '@verbatim/foia';

/**
 * The change an observation makes to what was recorded for its object, or null: an intact object with nothing
 * recorded, or one whose state is the one recorded, changes nothing. Both catalogs decide with this.
 */
export function objectStateChange(
  previous: AnnouncedObject | null,
  observed: ObservedObject,
  at: string,
): ObjectStateChange | null {
  if (previous ? previous.state === observed.state : observed.state === 'intact') return null;
  const current: AnnouncedObject = {
    key: observed.key,
    state: observed.state,
    accountId: observed.accountId ?? previous?.accountId ?? null,
    changedAt: at,
  };
  return { previous, current };
}

/** The observations, one per key (the last of each), in key order: two transactions lock rows in one order. */
export function distinctObservations(observed: readonly ObservedObject[]): ObservedObject[] {
  const byKey = new Map(observed.map((object) => [object.key, object]));
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
