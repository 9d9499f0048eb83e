import { applyDecision, EXHIBIT_A_CATEGORIES, type ModerationNotice, type ModerationReview } from '@verbatim/core';
import { createAccount, makeItem, makePage } from './conformance/fixtures';
import type { StoresHarness, StoresHarnessFactory } from './conformance/store-harnesses';

const AT = ['2026-05-01T09:00:00.000Z', '2026-05-01T10:00:00.000Z', '2026-05-01T11:00:00.000Z'] as const;

/** An account with one resident's comment archived on it. */
async function archivedComment(harness: StoresHarness) {
  const account = await createAccount(harness.accounts);
  const item = makeItem('c-1', { kind: 'comment', author: { id: 'r-1', name: 'A Resident' } });
  const applied = await harness.accounts.applyPage(makePage(account.id, 'page-1', [item]));
  return { accountId: account.id, recordId: applied.changed[0].id };
}

function proposal(recordId: string, accountId: string, overrides: Partial<ModerationReview> = {}): ModerationReview {
  return {
    id: `mrv_${Math.random().toString(16).slice(2)}`,
    recordId,
    accountId,
    action: 'remove-comment',
    categories: ['personal-information'],
    note: 'posts a neighbour’s phone number',
    status: 'pending',
    proposedBy: 'usr_moderator',
    proposedAt: AT[0],
    decisions: [],
    carriedOut: null,
    ...overrides,
  };
}

const notice = (reviewId: string): ModerationNotice => ({
  event: 'moderation.review-proposed',
  channel: 'email',
  recipients: ['attorney@town.example'],
  payload: { reviewId },
  dedupeKey: `moderation.review-proposed:${reviewId}`,
});

/**
 * The ModerationStore contract: Exhibit A seeded, categories renamed and retired but never lost, a review
 * stored with its notice in the outbox, decisions applied one after the other. SQLite and PostgreSQL run it.
 */
export function describeModerationStoreConformance(createHarness: StoresHarnessFactory): void {
  let harness: StoresHarness;
  beforeEach(async () => {
    harness = await createHarness();
  });
  afterEach(() => harness.close());

  it("starts with Westport's 13 Exhibit A categories, in order, none retired", async () => {
    const categories = await harness.moderation.listCategories();
    expect(categories.map(({ id, label }) => ({ id, label }))).toEqual(EXHIBIT_A_CATEGORIES);
    expect(categories.every((category) => category.retiredAt === null)).toBe(true);
  });

  it('adds a category after the others, renames it and retires it, keeping it listed', async () => {
    const added = await harness.moderation.addCategory({
      id: 'pcat_1',
      label: 'Impersonates a town official',
      retiredAt: null,
      createdAt: AT[0],
      updatedAt: AT[0],
    });
    expect(added).toEqual({
      id: 'pcat_1',
      label: 'Impersonates a town official',
      retiredAt: null,
      createdAt: AT[0],
      updatedAt: AT[0],
    });
    const renamed = await harness.moderation.updateCategory('pcat_1', { label: 'Impersonation', updatedAt: AT[1] });
    expect(renamed).toMatchObject({ label: 'Impersonation', retiredAt: null, updatedAt: AT[1] });
    const retired = await harness.moderation.updateCategory('pcat_1', { retiredAt: AT[2], updatedAt: AT[2] });
    expect(retired).toMatchObject({ label: 'Impersonation', retiredAt: AT[2] });
    const restored = await harness.moderation.updateCategory('pcat_1', { retiredAt: null, updatedAt: AT[2] });
    expect(restored?.retiredAt).toBeNull();
    const all = await harness.moderation.listCategories();
    expect(all).toHaveLength(14);
    expect(all.at(-1)?.id).toBe('pcat_1');
    expect(await harness.moderation.updateCategory('nope', { label: 'x', updatedAt: AT[0] })).toBeNull();
  });

  it("stores a review with its notice in the account's outbox, and lists it by status and record", async () => {
    const { accountId, recordId } = await archivedComment(harness);
    const review = proposal(recordId, accountId);
    expect(await harness.moderation.createReview(review, [notice(review.id)], AT[0])).toEqual(review);
    expect(await harness.moderation.getReview(review.id)).toEqual(review);
    expect(await harness.moderation.getReview('mrv_missing')).toBeNull();
    const deliveries = await harness.foiaStore.listAccountDeliveries(accountId);
    expect(deliveries).toEqual([
      expect.objectContaining({ event: 'moderation.review-proposed', accountId, status: 'pending' }),
    ]);
    const ban = proposal(recordId, accountId, { action: 'ban-user', proposedAt: AT[1], proposedBy: 'usr_other' });
    await harness.moderation.createReview(ban, [], AT[1]);
    expect((await harness.moderation.listReviews()).map((r) => r.id)).toEqual([ban.id, review.id]);
    expect((await harness.moderation.listReviews({ proposedBy: 'usr_other' })).map((r) => r.id)).toEqual([ban.id]);
    expect((await harness.moderation.listReviews({ recordId })).length).toBe(2);
    expect(await harness.moderation.listReviews({ status: ['approved', 'denied'] })).toEqual([]);
  });

  it('applies a change under lock; a change that throws writes nothing', async () => {
    const { accountId, recordId } = await archivedComment(harness);
    const review = await harness.moderation.createReview(
      proposal(recordId, accountId, { action: 'ban-user' }),
      [],
      AT[0],
    );
    const decide = (roles: Array<'attorney' | 'it-director'>, by: string) => (stored: ModerationReview) =>
      applyDecision(stored, { decision: 'approve', note: '', by, roles, at: AT[1] });
    const both = await Promise.all([
      harness.moderation.updateReview(review.id, decide(['attorney'], 'usr_attorney')),
      harness.moderation.updateReview(review.id, decide(['it-director'], 'usr_director')),
    ]);
    expect(both.map((r) => r?.decisions.length).sort()).toEqual([1, 2]);
    const stored = await harness.moderation.getReview(review.id);
    expect(stored?.status).toBe('approved');
    expect(stored?.decisions.map((d) => d.capacity).sort()).toEqual(['attorney', 'it-director']);
    await expect(harness.moderation.updateReview(review.id, decide(['attorney'], 'usr_attorney'))).rejects.toThrow(
      /already decided/,
    );
    expect(await harness.moderation.getReview(review.id)).toEqual(stored);
    expect(await harness.moderation.updateReview('mrv_missing', (r) => r)).toBeNull();
  });
}
