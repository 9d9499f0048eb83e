import { FoiaRequestStatusSchema, type FoiaRequestStatus } from './foia-request.schema';
import {
  allowedTransitions,
  IllegalTransitionError,
  isOpenStatus,
  planTransition,
  rolesAllowedToTransition,
  TransitionNotPermittedError,
} from './request-lifecycle';

const officer = { actorRoles: ['foia-officer'] as const };
const attorney = { actorRoles: ['attorney'] as const };

describe('allowedTransitions', () => {
  it.each<[FoiaRequestStatus, FoiaRequestStatus[]]>([
    ['received', ['acknowledged', 'denied', 'withdrawn']],
    ['acknowledged', ['in-progress', 'denied', 'withdrawn']],
    ['in-progress', ['awaiting-requester', 'extended', 'in-review', 'denied', 'withdrawn']],
    ['awaiting-requester', ['in-progress', 'withdrawn']],
    ['extended', ['in-progress', 'in-review', 'denied', 'withdrawn']],
    ['in-review', ['released', 'in-progress', 'denied', 'withdrawn']],
    ['released', ['closed', 'reopened']],
    ['closed', ['reopened']],
    ['denied', ['reopened']],
    ['withdrawn', ['reopened']],
    ['reopened', ['in-progress', 'withdrawn']],
  ])('from %s', (status, expected) => {
    expect(allowedTransitions(status)).toEqual(expected);
  });

  it('lets every open status be withdrawn and no closed one', () => {
    for (const status of FoiaRequestStatusSchema.options) {
      expect(allowedTransitions(status).includes('withdrawn')).toBe(isOpenStatus(status));
    }
  });

  it('filters by role: the attorney sees only the review decisions, the officer everything but release', () => {
    expect(allowedTransitions('in-review', ['attorney'])).toEqual(['released', 'in-progress', 'denied']);
    expect(allowedTransitions('in-review', ['foia-officer'])).toEqual(['in-progress', 'denied', 'withdrawn']);
    expect(allowedTransitions('in-progress', ['attorney'])).toEqual([]);
    expect(allowedTransitions('received', ['moderator', 'auditor', 'it-admin'])).toEqual([]);
  });
});

describe('rolesAllowedToTransition', () => {
  it('names who may make each move', () => {
    expect(rolesAllowedToTransition('in-review', 'released')).toEqual(['attorney']);
    expect(rolesAllowedToTransition('in-review', 'in-progress')).toEqual(['foia-officer', 'attorney']);
    expect(rolesAllowedToTransition('received', 'acknowledged')).toEqual(['foia-officer']);
    expect(rolesAllowedToTransition('received', 'released')).toEqual([]);
  });
});

describe('planTransition', () => {
  it('walks the full happy path with the right role at each step', () => {
    let status: FoiaRequestStatus = 'received';
    status = planTransition(status, 'acknowledged', officer);
    status = planTransition(status, 'in-progress', officer);
    status = planTransition(status, 'awaiting-requester', officer);
    status = planTransition(status, 'in-progress', officer);
    status = planTransition(status, 'extended', officer);
    status = planTransition(status, 'in-review', officer);
    status = planTransition(status, 'released', attorney);
    status = planTransition(status, 'closed', officer);
    status = planTransition(status, 'reopened', officer);
    expect(planTransition(status, 'in-progress', officer)).toBe('in-progress');
  });

  it('throws IllegalTransitionError with from, to and the allowed list', () => {
    expect.assertions(5);
    try {
      planTransition('received', 'released', attorney);
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransitionError);
      const illegal = error as IllegalTransitionError;
      expect(illegal.from).toBe('received');
      expect(illegal.to).toBe('released');
      expect(illegal.allowed).toEqual(['acknowledged', 'denied', 'withdrawn']);
      expect(illegal.message).toBe(
        'a request cannot move from received to released; from received it can acknowledge (→ acknowledged), ' +
          'deny (→ denied) or withdraw (→ withdrawn)',
      );
    }
  });

  it('names the move back from review by its own name', () => {
    expect(() => planTransition('in-review', 'closed', attorney)).toThrow(
      'from in-review it can release (→ released), send back (→ in-progress), deny (→ denied) or withdraw (→ withdrawn)',
    );
    expect(() => planTransition('closed', 'released', attorney)).toThrow('from closed it can reopen (→ reopened)');
  });

  it('treats staying in the same status as illegal', () => {
    expect(() => planTransition('in-progress', 'in-progress', officer)).toThrow(IllegalTransitionError);
  });

  it('forbids the officer from releasing and the attorney from ordinary work', () => {
    expect(() => planTransition('in-review', 'released', officer)).toThrow(TransitionNotPermittedError);
    expect(() => planTransition('acknowledged', 'in-progress', attorney)).toThrow(TransitionNotPermittedError);
    expect(() => planTransition('received', 'acknowledged', { actorRoles: [] })).toThrow(TransitionNotPermittedError);
  });

  it('checks legality before roles, so the caller gets 409 for an impossible move whoever asks', () => {
    expect(() => planTransition('closed', 'released', { actorRoles: ['auditor'] })).toThrow(IllegalTransitionError);
  });

  it('accepts a person holding both roles', () => {
    expect(planTransition('in-review', 'released', { actorRoles: ['foia-officer', 'attorney'] })).toBe('released');
  });
});
