import type { Role } from '@verbatim/core';
import type { FoiaRequestStatus } from './foia-request.schema';

/**
 * The transition table, as a records officer works a request:
 *
 *   received ──► acknowledged ──► in-progress ⇄ awaiting-requester   (clarification or fee)
 *                                  in-progress ⇄ extended             (new production date, requester told)
 *                                  in-progress ──► in-review ──► released ──► closed
 *                                                  in-review ──► in-progress (sent back for more search or redaction)
 *                                                  extended  ──► in-review   (work continues while extended)
 *   denied:    from received, acknowledged, in-progress, extended, in-review (a written denial can come at any point
 *              before release; a partial denial is a release of kind `partial` with a withholding log)
 *   withdrawn: from every open state; also how a requester who never answers a clarification is closed out
 *   reopened:  from closed, denied, withdrawn and released; it only leads back to in-progress (or to withdrawn)
 *
 * Deliberate omissions: nothing skips acknowledgement (it timestamps the first response); nothing reaches released
 * without in-review (the attorney's sign-off); installments are several bundles produced while the request stays
 * open, and the request moves to released with the last one; denied and withdrawn are final unless reopened.
 */
const TRANSITIONS: Readonly<Record<FoiaRequestStatus, readonly FoiaRequestStatus[]>> = {
  received: ['acknowledged', 'denied', 'withdrawn'],
  acknowledged: ['in-progress', 'denied', 'withdrawn'],
  'in-progress': ['awaiting-requester', 'extended', 'in-review', 'denied', 'withdrawn'],
  'awaiting-requester': ['in-progress', 'withdrawn'],
  extended: ['in-progress', 'in-review', 'denied', 'withdrawn'],
  'in-review': ['released', 'in-progress', 'denied', 'withdrawn'],
  released: ['closed', 'reopened'],
  closed: ['reopened'],
  denied: ['reopened'],
  withdrawn: ['reopened'],
  reopened: ['in-progress', 'withdrawn'],
};

/**
 * What each move is called, by the status it leads to: the words of the README's lifecycle table and of the 409
 * that refuses an impossible move (a test holds the two together). Sending a request back from review is the one
 * move into in-progress with a name of its own.
 */
const MOVE_NAMES: Readonly<Record<FoiaRequestStatus, string>> = {
  received: 'log',
  acknowledged: 'acknowledge',
  'in-progress': 'work on it',
  'awaiting-requester': 'ask the requester',
  extended: 'extend',
  'in-review': 'send to review',
  released: 'release',
  closed: 'close',
  denied: 'deny',
  withdrawn: 'withdraw',
  reopened: 'reopen',
};
const NAMED_MOVES: Readonly<Record<string, string>> = { 'in-review>in-progress': 'send back' };

/** A move as the README names it: `acknowledge (→ acknowledged)`. */
export function describeMove(from: FoiaRequestStatus, to: FoiaRequestStatus): string {
  return `${NAMED_MOVES[`${from}>${to}`] ?? MOVE_NAMES[to]} (→ ${to})`;
}

/** Every move possible from `status`, in table order: `acknowledge (→ acknowledged), deny (→ denied) or …`. */
export function describeMovesFrom(status: FoiaRequestStatus): string {
  const moves = TRANSITIONS[status].map((to) => describeMove(status, to));
  if (moves.length < 2) return moves[0] ?? 'none';
  return `${moves.slice(0, -1).join(', ')} or ${moves[moves.length - 1]}`;
}

/** Statuses whose deadlines still matter: they are recomputed when a closure day is added and flagged when late. */
export const OPEN_STATUSES: readonly FoiaRequestStatus[] = [
  'received',
  'acknowledged',
  'in-progress',
  'awaiting-requester',
  'extended',
  'in-review',
  'reopened',
];

export function isOpenStatus(status: FoiaRequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * Who may make which move. The attorney's office owns the legal decision at the end of review: it releases, sends
 * back or denies from in-review. The FOIA officer does everything else but cannot release, so no record leaves
 * without the attorney. Other roles (it-admin, moderator, auditor) move nothing.
 */
const ATTORNEY_MOVES = new Set(['in-review>released', 'in-review>in-progress', 'in-review>denied']);
const ATTORNEY_ONLY_MOVES = new Set(['in-review>released']);

/** The roles allowed to move a request from `from` to `to`; empty when the move is not in the table at all. */
export function rolesAllowedToTransition(from: FoiaRequestStatus, to: FoiaRequestStatus): readonly Role[] {
  if (!TRANSITIONS[from].includes(to)) return [];
  const move = `${from}>${to}`;
  const roles: Role[] = [];
  if (!ATTORNEY_ONLY_MOVES.has(move)) roles.push('foia-officer');
  if (ATTORNEY_MOVES.has(move)) roles.push('attorney');
  return roles;
}

/**
 * The statuses reachable from `status`, in table order. With `actorRoles`, only those the actor may perform, which
 * is what a user interface should offer as buttons.
 */
export function allowedTransitions(status: FoiaRequestStatus, actorRoles?: readonly Role[]): FoiaRequestStatus[] {
  const all = [...TRANSITIONS[status]];
  if (!actorRoles) return all;
  return all.filter((to) => rolesAllowedToTransition(status, to).some((role) => actorRoles.includes(role)));
}

/** The move is not in the table. The API answers 409, lists `allowed` and names the possible moves. */
export class IllegalTransitionError extends Error {
  readonly code = 'illegal-transition';

  constructor(
    readonly from: FoiaRequestStatus,
    readonly to: FoiaRequestStatus,
    readonly allowed: readonly FoiaRequestStatus[],
  ) {
    super(`a request cannot move from ${from} to ${to}; from ${from} it can ${describeMovesFrom(from)}`);
    this.name = 'IllegalTransitionError';
  }
}

/** The move is legal but not for this actor. The API answers 403 and names `requiredRoles`. */
export class TransitionNotPermittedError extends Error {
  readonly code = 'transition-not-permitted';

  constructor(
    readonly from: FoiaRequestStatus,
    readonly to: FoiaRequestStatus,
    readonly requiredRoles: readonly Role[],
  ) {
    super(`moving a request from ${from} to ${to} needs the role ${requiredRoles.join(' or ')}`);
    this.name = 'TransitionNotPermittedError';
  }
}

export interface PlanTransitionOptions {
  /** The roles of the person making the change; the request's audit row records who. */
  actorRoles: readonly Role[];
}

/**
 * Checks a status change and returns the new status. Legality comes first (409 tells every caller what is possible),
 * then the actor's roles (403). The caller records who, when, the note and, for `released`, the release kind.
 */
export function planTransition(
  current: FoiaRequestStatus,
  to: FoiaRequestStatus,
  options: PlanTransitionOptions,
): FoiaRequestStatus {
  const allowed = TRANSITIONS[current];
  if (!allowed.includes(to)) throw new IllegalTransitionError(current, to, [...allowed]);
  const requiredRoles = rolesAllowedToTransition(current, to);
  if (!requiredRoles.some((role) => options.actorRoles.includes(role))) {
    throw new TransitionNotPermittedError(current, to, requiredRoles);
  }
  return to;
}
