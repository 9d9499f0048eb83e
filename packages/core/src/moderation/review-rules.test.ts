import type { ModerationReview } from './moderation-review.schema';
import { applyDecision, awaitedApprovals } from './review-rules';

const review = (action: ModerationReview['action']): ModerationReview => ({
  id: 'mrv_1',
  recordId: 'rec_1',
  accountId: 'acc_1',
  action,
  categories: ['spam'],
  note: 'the same link posted forty times',
  status: 'pending',
  proposedBy: 'usr_mod',
  proposedAt: '2026-05-01T09:00:00.000Z',
  decisions: [],
  carriedOut: null,
});
const at = '2026-05-01T10:00:00.000Z';

describe('moderation review rules', () => {
  it("approves a removal on the attorney's approval alone", () => {
    const decided = applyDecision(review('remove-comment'), {
      decision: 'approve',
      note: '',
      by: 'a',
      roles: ['attorney'],
      at,
    });
    expect(decided.status).toBe('approved');
    expect(decided.decisions).toEqual([{ decision: 'approve', note: '', by: 'a', capacity: 'attorney', at }]);
  });

  it("keeps a ban pending with only the attorney's approval, and approves it with the IT director's too", () => {
    const once = applyDecision(review('ban-user'), { decision: 'approve', note: '', by: 'a', roles: ['attorney'], at });
    expect(once.status).toBe('pending');
    expect(awaitedApprovals(once)).toEqual(['it-director']);
    const twice = applyDecision(once, { decision: 'approve', note: '', by: 'd', roles: ['it-director'], at });
    expect(twice.status).toBe('approved');
    expect(awaitedApprovals(twice)).toEqual([]);
  });

  it('ends a review on a denial by either office; nothing more can be decided', () => {
    const denied = applyDecision(review('ban-user'), {
      decision: 'deny',
      note: 'viewpoint',
      by: 'd',
      roles: ['it-director'],
      at,
    });
    expect(denied.status).toBe('denied');
    expect(() => applyDecision(denied, { decision: 'approve', note: '', by: 'a', roles: ['attorney'], at })).toThrow(
      /already denied/,
    );
  });

  it('refuses a moderator, an IT director on a removal, and the same office deciding twice', () => {
    expect(() =>
      applyDecision(review('remove-comment'), {
        decision: 'approve',
        note: '',
        by: 'm',
        roles: ['moderator', 'it-admin'],
        at,
      }),
    ).toThrow(expect.objectContaining({ kind: 'forbidden' }) as Error);
    expect(() =>
      applyDecision(review('remove-comment'), { decision: 'approve', note: '', by: 'd', roles: ['it-director'], at }),
    ).toThrow(expect.objectContaining({ kind: 'forbidden' }) as Error);
    const once = applyDecision(review('ban-user'), { decision: 'approve', note: '', by: 'a', roles: ['attorney'], at });
    expect(() => applyDecision(once, { decision: 'approve', note: '', by: 'a2', roles: ['attorney'], at })).toThrow(
      expect.objectContaining({ code: 'already_decided' }) as Error,
    );
  });

  it('lets one person holding both offices sign as each in turn', () => {
    const roles = ['attorney', 'it-director'] as const;
    const once = applyDecision(review('ban-user'), { decision: 'approve', note: '', by: 'x', roles, at });
    const twice = applyDecision(once, { decision: 'approve', note: '', by: 'x', roles, at });
    expect(twice.decisions.map((decision) => decision.capacity)).toEqual(['attorney', 'it-director']);
    expect(twice.status).toBe('approved');
  });
});
