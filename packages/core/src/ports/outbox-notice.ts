/**
 * A notice for the notification outbox, written in the same transaction as the change it announces (the shape
 * of the FOIA outbox's NewDelivery, which core cannot name). A store taking notices says whom they belong to.
 */
export interface OutboxNotice {
  event: string;
  channel: 'email' | 'webhook';
  recipients: string[];
  payload: unknown;
  /** A notice whose key its owner already used is skipped: each occasion is announced once. */
  dedupeKey: string;
}
