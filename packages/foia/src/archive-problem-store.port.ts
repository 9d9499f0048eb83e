import type { Delivery, NewDelivery } from './foia-store.port';

/** What a check found of a stored object: it hashes as archived, its bytes changed, or it is gone. */
export type ObjectState = 'intact' | 'altered' | 'missing';

/** The state IT was last told of for one object key. */
export interface AnnouncedObject {
  key: string;
  state: ObjectState;
  /** The account whose archive it belongs to, when a check knew it. */
  accountId: string | null;
  /** When this state was first recorded (the change, not the last check). */
  changedAt: string;
}

/** One object as a check found it. */
export interface ObservedObject {
  key: string;
  state: ObjectState;
  /** Null when the check could not tell (a media download); a known account recorded before is kept. */
  accountId: string | null;
}

export interface ObjectStateChange {
  previous: AnnouncedObject | null;
  current: AnnouncedObject;
}

/**
 * Notices for the outbox that belong to neither a request nor an account: `subject` names what they are about,
 * e.g. `object:<key>`, `person:<id>`, `token:<id>` or `town`. A dedupe key the subject already used is skipped.
 */
export interface SubjectNotices {
  subject: string;
  deliveries: NewDelivery[];
}

/**
 * The state of archived objects IT was last told of, kept beside the notification outbox so that recording a
 * change and the notice announcing it commit together: IT hears of an object found altered or missing once per
 * change, however often it is read, downloaded or verified.
 */
export interface ArchiveProblemStore {
  /** The objects last recorded altered or missing: among `keys`, or all of them when `keys` is left out. */
  listAnnouncedProblems(keys?: readonly string[]): Promise<AnnouncedObject[]>;
  /**
   * In one transaction: records, as of `at`, each observation whose state differs from the one recorded for its
   * key (an intact object with nothing recorded is no change), and adds the notices `announce(changes)` returns
   * for the changes made. Concurrent callers observing the same change record it once.
   */
  recordObjectStates(
    observed: readonly ObservedObject[],
    at: string,
    announce: (changes: ObjectStateChange[]) => SubjectNotices[],
  ): Promise<{ changes: ObjectStateChange[]; deliveries: Delivery[] }>;
  /** Every delivery about `subject`, oldest first, ended ones included. */
  listSubjectDeliveries(subject: string): Promise<Delivery[]>;
}
